import { JourneyChart } from '../charts/journey-chart';
import { Heatmap, type HeatCell } from '../charts/heatmap';
import type { CpiMetrics, JourneyMetrics } from '../hooks/use-metrics';
import { responsesLink, round } from '../lib/chart-data';
import { Empty } from '../components/states';

/** Touchpoints in journey order with their NPS; the API says where the score drops. */
export function JourneyCard({ j }: { j: JourneyMetrics }) {
  const steps = j.touchpoints.map((t) => ({
    label: t.name,
    value: t.nps.nps,
    lo: t.nps.nps !== null && t.nps.margin !== null ? t.nps.nps - t.nps.margin : undefined,
    hi: t.nps.nps !== null && t.nps.margin !== null ? t.nps.nps + t.nps.margin : undefined,
    note: `NPS ${round(t.nps.nps)} ± ${round(t.nps.margin)}, n = ${t.nps.n}${t.smallSample ? ' (small sample)' : ''}`,
    href: responsesLink(j, null, { touchpoint: t.id }),
    drop: t.drop,
  }));
  return (
    <section class="panel" aria-labelledby="journey-h">
      <h2 id="journey-h">Journey</h2>
      {steps.length === 0 ? <Empty>No touchpoints yet.</Empty> : <JourneyChart steps={steps} yLabel="NPS (points)" />}
      <p class="legend">Bars are NPS per touchpoint with its 95 % margin; red marks a significant drop from the step before.</p>
    </section>
  );
}

/** Touchpoints × CPIs, each cell the API's attainment, interval and status against target. */
export function CpiCard({ c }: { c: CpiMetrics }) {
  const cell = (tp: string, cpi: string): HeatCell => {
    const x = c.cells.find((k) => k.touchpointId === tp && k.cpiId === cpi);
    if (!x) return { text: '', status: 'none', note: 'not measured here' };
    const iv = x.interval ? `95 % interval ${round(x.interval.low * 100)}–${round(x.interval.high * 100)} %` : 'no answers';
    return {
      text: x.attainment === null ? '–' : `${round(x.attainment * 100)} %`,
      status: x.status ?? 'none',
      note: `${iv}; target ${x.target === null ? 'none' : `${round(x.target * 100)} %`}; ${x.answered} answered${x.smallSample ? ' (small sample)' : ''}`,
      href: responsesLink(c, null, { touchpoint: tp }),
    };
  };
  return (
    <section class="panel" aria-labelledby="cpi-h">
      <h2 id="cpi-h">CPI attainment</h2>
      {c.cpis.length === 0 ? (
        <Empty>No CPIs defined.</Empty>
      ) : (
        <Heatmap caption="CPI attainment by touchpoint against target" columns={c.cpis.map((x) => x.name)} rows={c.touchpoints.map((t) => ({ label: t.name, cells: c.cpis.map((x) => cell(t.id, x.id)) }))} />
      )}
    </section>
  );
}
