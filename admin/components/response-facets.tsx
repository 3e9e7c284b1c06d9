import type { ResponseCounts } from '../hooks/use-responses';

type Filters = Record<string, string>;
type Facet = 'hasComment' | 'scoreBand' | 'sentiment' | 'loopStatus';

/** The chips of each facet: the value sent to the API and its label. */
const groups: { facet: Facet; label: string; chips: [string, string][] }[] = [
  { facet: 'scoreBand', label: 'Score', chips: [['detractor', 'Detractors'], ['passive', 'Passives'], ['promoter', 'Promoters']] },
  { facet: 'hasComment', label: 'Comment', chips: [['true', 'With comment'], ['false', 'No comment']] },
  { facet: 'sentiment', label: 'Sentiment', chips: [['negative', 'Negative'], ['neutral', 'Neutral'], ['positive', 'Positive']] },
  { facet: 'loopStatus', label: 'Follow-up', chips: [['open', 'Open'], ['in_progress', 'In progress'], ['closed', 'Closed']] },
];

interface Props {
  value: Filters;
  counts: ResponseCounts | undefined;
  members: { userId: string; name: string; email: string }[];
  onChange: (f: Filters) => void;
}

const countOf = (counts: ResponseCounts | undefined, facet: Facet, v: string) => (counts ? (counts.facets[facet] as Record<string, number>)[v] : undefined);
const memberName = (m: { name: string; email: string }) => m.name || m.email;

/**
 * Quick filters applied at once: each chip shows how many responses choosing it gives under
 * the other filters (`GET /api/v1/responses/counts`), and toggles off when chosen again.
 */
export function ResponseFacets({ value, counts, members, onChange }: Props) {
  const set = (k: string, v: string | null) => {
    const next = { ...value };
    if (v === null) delete next[k];
    else next[k] = v;
    onChange(next);
  };
  const assigned = (id: string) => counts?.facets.assignee.find((a) => a.assignee === id)?.count ?? 0;
  return (
    <section class="panel facets" aria-label="Quick filters">
      <p class="facet-total" aria-live="polite">
        {counts ? `${counts.total.toLocaleString()} responses` : 'Counting…'}
      </p>
      {groups.map((g) => (
        <div key={g.facet} class="facet" role="group" aria-label={g.label}>
          <span class="facet-label">{g.label}</span>
          {g.chips.map(([v, label]) => {
            const on = value[g.facet] === v;
            const n = countOf(counts, g.facet, v);
            return (
              <button key={v} type="button" class={`chip${on ? ' on' : ''}`} aria-pressed={on} data-facet={g.facet} data-value={v} onClick={() => set(g.facet, on ? null : v)}>
                {label} <span class="chip-count">{n === undefined ? '…' : n.toLocaleString()}</span>
              </button>
            );
          })}
        </div>
      ))}
      <label class="facet">
        <span class="facet-label">Assignee</span>
        <select value={value.assignee ?? ''} onChange={(e) => set('assignee', e.currentTarget.value || null)} data-facet="assignee">
          <option value="">Anyone</option>
          <option value="none">Unassigned ({assigned('none').toLocaleString()})</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {memberName(m)} ({assigned(m.userId).toLocaleString()})
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
