import type { Draft, UrlRule } from './draft';

const matchLabels: Record<UrlRule['match'], string> = { exact: 'is exactly', contains: 'contains', startsWith: 'starts with', regex: 'matches regex' };
const num = (v: string) => (v.trim() === '' ? 0 : Number(v));

/** Where, when and how often the survey shows: URL rules, events, delay, sampling, throttling, priority. */
export function TargetingEditor({ d, set }: { d: Draft; set: (patch: Partial<Draft>) => void }) {
  const t = d.targeting;
  const rules = t.urls;
  const setRules = (urls: UrlRule[]) => set({ targeting: { ...t, urls } });
  return (
    <>
      <fieldset>
        <legend>Pages (URL rules)</legend>
        <p class="muted">No include rule means every page. Values starting with “/” match the path and query; others the full URL.</p>
        {rules.map((r, i) => (
          <div key={i} class="rule">
            <label>
              <span class="sr">Rule {i + 1} kind</span>
              <select value={r.exclude ? 'exclude' : 'include'} onChange={(e) => setRules(rules.map((x, j) => (j === i ? { ...x, exclude: e.currentTarget.value === 'exclude' } : x)))}>
                <option value="include">Show where URL</option>
                <option value="exclude">Never where URL</option>
              </select>
            </label>
            <label>
              <span class="sr">Rule {i + 1} match</span>
              <select value={r.match} onChange={(e) => setRules(rules.map((x, j) => (j === i ? { ...x, match: e.currentTarget.value as UrlRule['match'] } : x)))}>
                {Object.entries(matchLabels).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span class="sr">Rule {i + 1} value</span>
              <input required value={r.value} onInput={(e) => setRules(rules.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))} placeholder="/checkout/thank-you" />
            </label>
            <button type="button" class="danger" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
              Remove rule {i + 1}
            </button>
          </div>
        ))}
        <button type="button" class="secondary" onClick={() => setRules([...rules, { match: 'startsWith', value: '/', exclude: false }])}>
          + URL rule
        </button>
      </fieldset>
      <fieldset class="grid3">
        <legend>Timing and sampling</legend>
        <label>
          Events (comma-separated; empty = none needed)
          <input
            value={t.events.join(', ')}
            onChange={(e) => set({ targeting: { ...t, events: e.currentTarget.value.split(',').map((s) => s.trim()).filter(Boolean) } })}
          />
        </label>
        <label>
          Delay (seconds)
          <input type="number" min={0} max={3600} value={t.delaySeconds} onInput={(e) => set({ targeting: { ...t, delaySeconds: num(e.currentTarget.value) } })} />
        </label>
        <label>
          Sampling (% of respondents)
          <input type="number" min={0} max={100} step="any" value={t.samplingPercent} onInput={(e) => set({ targeting: { ...t, samplingPercent: num(e.currentTarget.value) } })} />
        </label>
      </fieldset>
      <fieldset class="grid3">
        <legend>Throttling and priority</legend>
        <label>
          Display limit per respondent
          <input type="number" min={1} max={100} value={d.throttling.displayLimit} onInput={(e) => set({ throttling: { ...d.throttling, displayLimit: num(e.currentTarget.value) } })} />
        </label>
        <label>
          Recontact after (days; empty = workspace default)
          <input
            type="number"
            min={0}
            max={3650}
            value={d.throttling.recontactDays ?? ''}
            onInput={(e) => set({ throttling: { ...d.throttling, recontactDays: e.currentTarget.value === '' ? null : num(e.currentTarget.value) } })}
          />
        </label>
        <label>
          Priority (higher wins when several are due)
          <input type="number" min={-1000} max={1000} value={d.priority} onInput={(e) => set({ priority: num(e.currentTarget.value) })} />
        </label>
      </fieldset>
    </>
  );
}
