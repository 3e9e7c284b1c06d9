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

/** Two date inputs, first and last day (both inclusive). */
function DatePair({ labels, from, to, required = false, onChange }: { labels: [string, string]; from: string; to: string; required?: boolean; onChange: (from: string, to: string) => void }) {
  return (
    <>
      <label>
        {labels[0]}
        <input type="date" required={required} value={from} onInput={(e) => onChange(e.currentTarget.value, to)} />
      </label>
      <label>
        {labels[1]}
        <input type="date" required={required} value={to} onInput={(e) => onChange(from, e.currentTarget.value)} />
      </label>
    </>
  );
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
      {f.range === 'custom' && <DatePair labels={['From', 'To']} from={f.from} to={f.to} onChange={(from, to) => setF({ ...f, from, to })} />}
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
      {f.compare === 'custom' && <DatePair labels={['Compare from', 'Compare to']} required from={f.compareFrom} to={f.compareTo} onChange={(compareFrom, compareTo) => setF({ ...f, compareFrom, compareTo })} />}
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
