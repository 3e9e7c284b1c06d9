import { useState } from 'preact/hooks';
import { useBreakdown, withoutComparison, type BreakdownQuery, type MetricsQuery } from '../hooks/use-metrics';
import { IntervalBars } from '../charts/interval-bars';
import { responsesLink } from '../lib/chart-data';
import { Empty, Show } from '../components/states';

const metrics = { nps: 'NPS', csat: 'CSAT', ces: 'CES (share ≥ 5)', cpi: 'CPI attainment' } as const;
type Metric = keyof typeof metrics;
/** Values that name no single attribute value, so no responses filter reaches them. */
const folded = new Set(['(none)', '(other)']);

/** A metric side by side per value of a segment key (the breakdown API), each bar linking to its responses. */
export function BreakdownCard({ q }: { q: MetricsQuery }) {
  const [metric, setMetric] = useState<Metric>('nps');
  const [by, setBy] = useState<string>('');
  const { attribute: _attribute, ...rest } = withoutComparison(q);
  const query: BreakdownQuery = { ...rest, metric, ...(by ? { by } : {}) };
  const breakdown = useBreakdown(query);
  return (
    <section class="panel" aria-labelledby="breakdown-h">
      <h2 id="breakdown-h">Compare segments</h2>
      <div class="filters inline">
        <label>
          Metric
          <select value={metric} onChange={(e) => setMetric(e.currentTarget.value as Metric)}>
            {Object.entries(metrics).map(([k, label]) => (
              <option key={k} value={k}>{label}</option>
            ))}
          </select>
        </label>
        <label>
          By
          <select value={by || breakdown.data?.by || ''} onChange={(e) => setBy(e.currentTarget.value)}>
            {(breakdown.data?.segmentKeys ?? (by ? [by] : [])).map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <Show q={breakdown} label="Loading the breakdown…">
        {(b) =>
          b.groups.length === 0 ? (
            <Empty>No answers in this period.</Empty>
          ) : (
            <>
              <IntervalBars
                title={`${metrics[metric]} by ${b.by}`}
                min={metric === 'nps' ? -100 : 0}
                max={100}
                unit={metric === 'nps' ? '' : ' %'}
                bars={b.groups.map((g) => ({ ...g, label: g.value, href: folded.has(g.value) ? null : responsesLink(b, null, { attribute: `${b.by}:${g.value}` }) }))}
              />
              <p class="muted">
                Bars show the 95 % interval; a dark bar differs significantly from all other {b.by} values together; pale bars have fewer than 30 answers. Total n {b.total.n}.
              </p>
            </>
          )
        }
      </Show>
    </section>
  );
}
