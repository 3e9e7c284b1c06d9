import { useRef } from 'preact/hooks';
import { LineChart, type TrendSeries } from '../charts/line-chart';
import type { CesMetrics, CpiMetrics, CsatMetrics, NpsMetrics, SentimentMetrics } from '../hooks/use-metrics';
import { cesPoints, csatPoints, npsPoints, responsesLink, round, sentimentPoints } from '../lib/chart-data';
import { ChangeBadge } from '../components/change-badge';
import { ExportMenu } from '../components/export-menu';
import { cesRows, csatRows, npsRows, sentimentRows } from '../lib/export-rows';

/** The current period's line, and the comparison period's (dashed) bucket by bucket when there is one. */
const withComparison = (name: string, now: TrendSeries['points'], before: TrendSeries['points'] | undefined): TrendSeries[] => [
  { name, points: now },
  ...(before ? [{ name: 'Comparison period', points: before.slice(0, now.length), compare: true }] : []),
];

/** The CPI attainments of one touchpoint, each coloured by the API's status against its target. */
function TargetChips({ cpi, touchpoint }: { cpi: CpiMetrics; touchpoint: string }) {
  const cells = cpi.cells.filter((c) => c.touchpointId === touchpoint && c.target !== null && c.attainment !== null);
  if (cells.length === 0) return null;
  const name = new Map(cpi.cpis.map((c) => [c.id, c.name]));
  return (
    <p class="targets">
      {cells.map((c) => (
        <span key={c.cpiId} class={`heat ${c.status ?? 'none'}`} title={`95 % interval ${round((c.interval?.low ?? 0) * 100)}–${round((c.interval?.high ?? 0) * 100)} %, n = ${c.answered}`}>
          {name.get(c.cpiId)}: {round(c.attainment! * 100)} % (target {round(c.target! * 100)} %, {c.status})
        </span>
      ))}
    </p>
  );
}

/** NPS of one touchpoint: the headline number (linked to its responses), its change against the comparison period and its trend with the margin band. */
export function NpsCard({ name, id, m, against, cpi }: { name: string; id: string | null; m: NpsMetrics; against: string; cpi?: CpiMetrics | undefined }) {
  const t = m.total;
  const c = m.comparison;
  const scope = id ? { touchpoint: id } : {};
  const chart = useRef<HTMLDivElement>(null);
  return (
    <section class="panel" aria-label={`NPS of ${name}`} data-touchpoint={id ?? 'all'}>
      <h3>{name}</h3>
      <p class="headline">
        <a href={responsesLink(m, null, scope)} class="big" data-metric="nps" title={`n = ${t.n}`}>
          {round(t.nps)}
        </a>{' '}
        <span class="muted">
          NPS ± {round(t.margin)} · n = <a href={responsesLink(m, null, scope)}>{t.n}</a> ·{' '}
          <a href={responsesLink(m, null, { ...scope, minScore: 9 })}>{t.promoters} promoters</a> ·{' '}
          <a href={responsesLink(m, null, { ...scope, maxScore: 6 })}>{t.detractors} detractors</a>
        </span>
      </p>
      {c && (
        <p class="compare-line" data-metric="nps-comparison" data-before={c.total.nps ?? ''}>
          <ChangeBadge change={c.change} before={`${round(c.total.nps)} ± ${round(c.total.margin)} (n = ${c.total.n}) in ${against}`} />
        </p>
      )}
      {cpi && id && <TargetChips cpi={cpi} touchpoint={id} />}
      <div ref={chart}>
        <LineChart title={`NPS trend of ${name}, points −100 to 100, with 95 % margin of error`} yLabel="NPS (points)" domain={[-100, 100]} series={withComparison(name, npsPoints(m, m.buckets, id ?? undefined), c && npsPoints({ ...m, ...c }, c.buckets, id ?? undefined))} width={420} />
      </div>
      <ExportMenu title={`NPS of ${name}`} chart={chart} rows={() => npsRows(m)} />
    </section>
  );
}

export function CsatCesCards({ csat, ces, against }: { csat: CsatMetrics; ces: CesMetrics; against: string }) {
  const csatChart = useRef<HTMLDivElement>(null);
  const cesChart = useRef<HTMLDivElement>(null);
  return (
    <>
      <section class="panel" aria-labelledby="csat-h">
        <h3 id="csat-h">CSAT</h3>
        <p class="headline">
          <a class="big" href={responsesLink(csat, null)}>
            {round(csat.total.csat)} %
          </a>{' '}
          <span class="muted">
            satisfied (4–5 of 5) ± {round(csat.total.margin)} · n = {csat.total.n}
          </span>
        </p>
        {csat.comparison && (
          <p class="compare-line">
            <ChangeBadge change={csat.comparison.change} before={`${round(csat.comparison.total.csat)} % (n = ${csat.comparison.total.n}) in ${against}`} />
          </p>
        )}
        <div ref={csatChart}>
          <LineChart title="CSAT trend, percent satisfied, with 95 % margin of error" yLabel="CSAT (% satisfied)" domain={[0, 100]} width={480} series={withComparison('CSAT', csatPoints(csat, csat.buckets), csat.comparison && csatPoints({ ...csat, ...csat.comparison }, csat.comparison.buckets))} />
        </div>
        <ExportMenu title="CSAT trend" chart={csatChart} rows={() => csatRows(csat)} />
      </section>
      <section class="panel" aria-labelledby="ces-h">
        <h3 id="ces-h">CES</h3>
        <p class="headline">
          <a class="big" href={responsesLink(ces, null)}>
            {round(ces.total.mean, 2)}
          </a>{' '}
          <span class="muted">
            mean effort score (1–7) · {round(ces.total.shareHigh)} % ≥ 5 · n = {ces.total.n}
          </span>
        </p>
        {ces.comparison && (
          <p class="compare-line">
            <ChangeBadge change={ces.comparison.change} unit="points in the share ≥ 5" before={`mean ${round(ces.comparison.total.mean, 2)}, ${round(ces.comparison.total.shareHigh)} % ≥ 5 (n = ${ces.comparison.total.n}) in ${against}`} />
          </p>
        )}
        <div ref={cesChart}>
          <LineChart title="CES trend, mean on 1 to 7" yLabel="CES (mean, 1–7)" domain={[1, 7]} format={(v) => v.toFixed(1)} width={480} series={withComparison('CES', cesPoints(ces, ces.buckets), ces.comparison && cesPoints({ ...ces, ...ces.comparison }, ces.comparison.buckets))} />
        </div>
        <ExportMenu title="CES trend" chart={cesChart} rows={() => cesRows(ces)} />
      </section>
    </>
  );
}

export function SentimentCard({ s, against }: { s: SentimentMetrics; against: string }) {
  const sh = s.total.shares;
  const pct = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 100)} %`);
  const chart = useRef<HTMLDivElement>(null);
  return (
    <section class="panel" aria-labelledby="sent-h">
      <h3 id="sent-h">Sentiment of comments</h3>
      <p class="headline">
        <a class="big" href={responsesLink(s, null)}>
          {round(s.total.mean, 2)}
        </a>{' '}
        <span class="muted">
          mean (−1 to 1) · {pct(sh?.positive)} positive · {pct(sh?.neutral)} neutral · {pct(sh?.negative)} negative · n = {s.total.n}
        </span>
      </p>
      {s.comparison && (
        <p class="compare-line">
          <ChangeBadge change={s.comparison.change} unit="points in the negative share" before={`mean ${round(s.comparison.total.mean, 2)}, ${pct(s.comparison.total.shares?.negative)} negative (n = ${s.comparison.total.n}) in ${against}`} />
        </p>
      )}
      <div ref={chart}>
        <LineChart title="Mean sentiment trend, −1 to 1" yLabel="Mean sentiment" domain={[-1, 1]} format={(v) => v.toFixed(1)} width={480} series={withComparison('Sentiment', sentimentPoints(s, s.buckets), s.comparison && sentimentPoints({ ...s, ...s.comparison }, s.comparison.buckets))} />
      </div>
      <ExportMenu title="Sentiment trend" chart={chart} rows={() => sentimentRows(s)} />
    </section>
  );
}
