import { useState } from 'preact/hooks';
import { NamedSelect } from './named-select';

export interface OverviewFilters {
  from: string;
  to: string;
  bucket: 'day' | 'week' | 'month';
  touchpoint: string;
  attribute: string;
}

interface Props {
  value: OverviewFilters;
  touchpoints: { id: string; name: string }[];
  onChange: (f: OverviewFilters) => void;
}

/** Date range, bucket, touchpoint and segment attribute; applied on submit, kept in the URL. */
export function OverviewFilterBar({ value, touchpoints, onChange }: Props) {
  const [f, setF] = useState(value);
  const put = <K extends keyof OverviewFilters>(k: K, v: OverviewFilters[K]) => setF({ ...f, [k]: v });
  return (
    <form
      class="panel overview-filters"
      aria-label="Overview filters"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(f);
      }}
    >
      <label>
        From
        <input type="date" value={f.from} onInput={(e) => put('from', e.currentTarget.value)} />
      </label>
      <label>
        To
        <input type="date" value={f.to} onInput={(e) => put('to', e.currentTarget.value)} />
      </label>
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
        <input value={f.attribute} onInput={(e) => put('attribute', e.currentTarget.value)} placeholder="plan:pro" />
      </label>
      <div class="actions">
        <button type="submit">Apply</button>
      </div>
    </form>
  );
}
