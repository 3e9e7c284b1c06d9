import { useState } from 'preact/hooks';
import { NamedSelect } from './named-select';
import { compareModes, presets, type CompareMode, type Preset } from '../lib/periods';
import { attributeFilterHint, isAttributeFilter } from '../lib/attribute-filter';

export interface OverviewFilters {
  range: Preset;
  /** Custom dates (range = custom). */
  from: string;
  to: string;
  compare: CompareMode;
  compareFrom: string;
  compareTo: string;
  bucket: 'day' | 'week' | 'month';
  touchpoint: string;
  attribute: string;
}

interface Props {
  value: OverviewFilters;
  touchpoints: { id: string; name: string }[];
  onChange: (f: OverviewFilters) => void;
}

/** Period (a preset or dates), comparison, bucket, touchpoint and segment; applied on submit, kept in the URL. */
export function OverviewFilterBar({ value, touchpoints, onChange }: Props) {
  const [f, setF] = useState(value);
  const put = <K extends keyof OverviewFilters>(k: K, v: OverviewFilters[K]) => setF({ ...f, [k]: v });
  const badSegment = f.attribute !== '' && !isAttributeFilter(f.attribute);
  return (
    <form
      class="panel overview-filters"
      aria-label="Overview filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (!badSegment) onChange(f);
      }}
    >
      <label>
        Period
        <select value={f.range} onChange={(e) => put('range', e.currentTarget.value as Preset)}>
          {Object.entries(presets).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {f.range === 'custom' && (
        <>
          <label>
            From
            <input type="date" value={f.from} onInput={(e) => put('from', e.currentTarget.value)} />
          </label>
          <label>
            To
            <input type="date" value={f.to} onInput={(e) => put('to', e.currentTarget.value)} />
          </label>
        </>
      )}
      <label>
        Compare with
        <select value={f.compare} onChange={(e) => put('compare', e.currentTarget.value as CompareMode)}>
          {Object.entries(compareModes).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {f.compare === 'custom' && (
        <>
          <label>
            Compare from
            <input type="date" required value={f.compareFrom} onInput={(e) => put('compareFrom', e.currentTarget.value)} />
          </label>
          <label>
            Compare to
            <input type="date" required value={f.compareTo} onInput={(e) => put('compareTo', e.currentTarget.value)} />
          </label>
        </>
      )}
      <label>
        Bucket
        <select value={f.bucket} onChange={(e) => put('bucket', e.currentTarget.value as OverviewFilters['bucket'])}>
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </select>
      </label>
      <label>
        Touchpoint
        <NamedSelect value={f.touchpoint} items={touchpoints} onChange={(id) => put('touchpoint', id)} all="All touchpoints" />
      </label>
      <label>
        Segment (attribute:value)
        <input value={f.attribute} onInput={(e) => put('attribute', e.currentTarget.value)} placeholder="plan:pro" aria-invalid={badSegment} aria-describedby={badSegment ? 'segment-hint' : undefined} />
      </label>
      <div class="actions">
        <button type="submit" disabled={badSegment}>
          Apply
        </button>
        {badSegment && (
          <span id="segment-hint" class="neg-text">
            {attributeFilterHint}
          </span>
        )}
      </div>
    </form>
  );
}
