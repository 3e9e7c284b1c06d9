import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { NamedSelect } from './named-select';

/** The list filters the inbox understands; the same names as the API's query parameters. */
export const filterKeys = ['q', 'sort', 'survey', 'touchpoint', 'minScore', 'maxScore', 'from', 'to', 'respondent', 'theme', 'attribute', 'cpi', 'cpiAnswer', 'hasComment', 'scoreBand', 'sentiment', 'loopStatus', 'assignee'] as const;
type Filters = Record<string, string>;

interface Props {
  value: Filters;
  surveys: { id: string; name: string }[];
  touchpoints: { id: string; name: string }[];
  cpis: { id: string; name: string }[];
  onChange: (f: Filters) => void;
}

/** Filter form: applied on submit so typing a search does not fire a request per key; the facets are chips (response-facets.tsx). */
export function ResponseFilters({ value, surveys, touchpoints, cpis, onChange }: Props) {
  const [f, setF] = useState<Filters>(value);
  const key = JSON.stringify(value);
  const [seen, setSeen] = useState(key);
  if (seen !== key) {
    // The URL changed under us (a link from the overview): show its filters.
    setSeen(key);
    setF(value);
  }
  const put = (k: string, v: string) => setF({ ...f, [k]: v });
  const field = (k: string, label: string, el: (value: string, onInput: (e: { currentTarget: HTMLInputElement }) => void) => JSX.Element) => (
    <label>
      {label}
      {el(f[k] ?? '', (e) => put(k, e.currentTarget.value))}
    </label>
  );
  return (
    <form
      class="panel filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '')));
      }}
    >
      {field('q', 'Search comments', (value, onInput) => <input type="search" placeholder='e.g. refund* "too slow"' value={value} onInput={onInput} />)}
      <label>
        Order
        <select value={f.sort ?? ''} onChange={(e) => put('sort', e.currentTarget.value)} disabled={!f.q}>
          <option value="">{f.q ? 'Most relevant' : 'Newest'}</option>
          <option value="date">Newest</option>
        </select>
      </label>
      <label>
        Survey
        <NamedSelect value={f.survey ?? ''} items={surveys} onChange={(id) => put('survey', id)} all="All surveys" />
      </label>
      <label>
        Touchpoint
        <NamedSelect value={f.touchpoint ?? ''} items={touchpoints} onChange={(id) => put('touchpoint', id)} all="All touchpoints" />
      </label>
      {field('minScore', 'NPS from', (value, onInput) => <input type="number" min={0} max={10} value={value} onInput={onInput} />)}
      {field('maxScore', 'NPS to', (value, onInput) => <input type="number" min={0} max={10} value={value} onInput={onInput} />)}
      {field('from', 'From date', (value, onInput) => <input type="date" value={value} onInput={onInput} />)}
      {field('to', 'Before date', (value, onInput) => <input type="date" value={value} onInput={onInput} />)}
      {field('respondent', 'Respondent id', (value, onInput) => <input value={value} onInput={onInput} />)}
      {field('theme', 'Theme key', (value, onInput) => <input value={value} onInput={onInput} />)}
      <label>
        CPI answered
        <NamedSelect value={f.cpi ?? ''} items={cpis} onChange={(id) => setF({ ...f, cpi: id, ...(id ? {} : { cpiAnswer: '' }) })} all="Any" />
      </label>
      <label>
        CPI answer
        <select value={f.cpiAnswer ?? ''} onChange={(e) => put('cpiAnswer', e.currentTarget.value)} disabled={!f.cpi}>
          <option value="">Any answer</option>
          <option value="yes">Yes</option>
          <option value="partly">Partly</option>
          <option value="no">No</option>
        </select>
      </label>
      {field('attribute', 'Segment (key:value)', (value, onInput) => <input placeholder="plan:pro" value={value} onInput={onInput} />)}
      <div class="actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setF({});
            onChange({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
