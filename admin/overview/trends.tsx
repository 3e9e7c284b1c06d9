import { LineChart } from '../charts/line-chart';
import type { CesMetrics, CsatMetrics, NpsMetrics, SentimentMetrics } from '../hooks/use-metrics';
import { cesPoints, csatPoints, npsPoints, responsesLink, round, sentimentPoints } from '../lib/chart-data';

/** NPS of one touchpoint: the headline number (linked to its responses) and its trend with the margin band. */
export function NpsCard({ name, id, m }: { name: string; id: string | null; m: NpsMetrics }) {
  const t = m.total;
  const scope = id ? { touchpoint: id } : {};
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
      <LineChart title={`NPS trend of ${name}, points −100 to 100, with 95 % margin of error`} yLabel="NPS (points)" domain={[-100, 100]} series={[{ name, points: npsPoints(m, m.buckets, id ?? undefined) }]} width={420} />
    </section>
  );
}

export function CsatCesCards({ csat, ces }: { csat: CsatMetrics; ces: CesMetrics }) {
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
        <LineChart title="CSAT trend, percent satisfied, with 95 % margin of error" yLabel="CSAT (% satisfied)" domain={[0, 100]} width={480} series={[{ name: 'CSAT', points: csatPoints(csat, csat.buckets) }]} />
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
        <LineChart title="CES trend, mean on 1 to 7" yLabel="CES (mean, 1–7)" domain={[1, 7]} format={(v) => v.toFixed(1)} width={480} series={[{ name: 'CES', points: cesPoints(ces, ces.buckets) }]} />
      </section>
    </>
  );
}

export function SentimentCard({ s }: { s: SentimentMetrics }) {
  const sh = s.total.shares;
  const pct = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 100)} %`);
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
      <LineChart title="Mean sentiment trend, −1 to 1" yLabel="Mean sentiment" domain={[-1, 1]} format={(v) => v.toFixed(1)} width={480} series={[{ name: 'Sentiment', points: sentimentPoints(s, s.buckets) }]} />
    </section>
  );
}
