import { useRef } from 'preact/hooks';
import { JourneyChart } from '../charts/journey-chart';
import { Heatmap, type HeatCell } from '../charts/heatmap';
import type { CpiMetrics, JourneyMetrics } from '../hooks/use-metrics';
import { responsesLink, round } from '../lib/chart-data';
import { cpiRows, journeyRows } from '../lib/export-rows';
import { Empty } from '../components/states';
import { ChangeBadge, signed } from '../components/change-badge';
import { ExportMenu } from '../components/export-menu';

/** Touchpoints in journey order with their NPS; the API says where the score drops, and how each moved against the comparison period. */
export function JourneyCard({ j, against }: { j: JourneyMetrics; against: string }) {
  const chart = useRef<HTMLDivElement>(null);
  const steps = j.touchpoints.map((t) => ({
    label: t.name,
    value: t.nps.nps,
    lo: t.nps.nps !== null && t.nps.margin !== null ? t.nps.nps - t.nps.margin : undefined,
    hi: t.nps.nps !== null && t.nps.margin !== null ? t.nps.nps + t.nps.margin : undefined,
    note: `NPS ${round(t.nps.nps)} ± ${round(t.nps.margin)}, n = ${t.nps.n}${t.smallSample ? ' (small sample)' : ''}${t.comparison?.change.nps ? `; ${signed(t.comparison.change.nps.delta)} vs ${against}${t.comparison.change.nps.significant ? ' (significant)' : ' (not significant)'}` : ''}`,
    href: responsesLink(j, null, { touchpoint: t.id }),
    drop: t.drop,
  }));
  return (
    <section class="panel" aria-labelledby="journey-h">
      <h2 id="journey-h">Journey</h2>
      {steps.length === 0 ? (
        <Empty>No touchpoints yet.</Empty>
      ) : (
        <div ref={chart}>
          <JourneyChart steps={steps} yLabel="NPS (points)" />
        </div>
      )}
      <p class="legend">
        <span class="swatch-bar" aria-hidden="true" /> NPS per touchpoint with its 95 % margin · <span class="swatch-bar drop" aria-hidden="true" /> red means one thing only: a significant drop from the step before.
      </p>
      {j.comparison && (
        <table class="journey-compare">
          <thead>
            <tr>
              <th scope="col">Touchpoint</th>
              <th scope="col" class="num">NPS</th>
              <th scope="col">vs {against}</th>
            </tr>
          </thead>
          <tbody>
            {j.touchpoints.map((t) => (
              <tr key={t.id} data-touchpoint={t.id}>
                <th scope="row">{t.name}</th>
                <td class="num">{round(t.nps.nps)}</td>
                <td>{t.comparison ? <ChangeBadge change={t.comparison.change.nps} before={`${round(t.comparison.nps.nps)} (n = ${t.comparison.nps.n})`} /> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ExportMenu title="Journey NPS" chart={chart} rows={() => journeyRows(j)} />
    </section>
  );
}

/** Touchpoints × CPIs, each cell the API's attainment, interval and status against target, and its change against the comparison period. */
export function CpiCard({ c, against }: { c: CpiMetrics; against: string }) {
  const cell = (tp: string, cpi: string): HeatCell => {
    const x = c.cells.find((k) => k.touchpointId === tp && k.cpiId === cpi);
    if (!x) return { text: '', status: 'none', note: 'not measured here' };
    const iv = x.interval ? `95 % interval ${round(x.interval.low * 100)}–${round(x.interval.high * 100)} %` : 'no answers';
    const ch = x.comparison?.change;
    return {
      text: x.attainment === null ? '–' : `${round(x.attainment * 100)} %`,
      status: x.status ?? 'none',
      note: `${iv}; target ${x.target === null ? 'none' : `${round(x.target * 100)} %`}; ${x.answered} answered${x.smallSample ? ' (small sample)' : ''}${ch ? `; ${signed(ch.delta)} points vs ${against} (${ch.significant ? 'significant' : 'not significant'})` : ''}`,
      // The cell opens the responses that answered this CPI at this touchpoint.
      href: responsesLink(c, null, { touchpoint: tp, cpi }),
      change: ch ? { text: `${ch.significant ? (ch.delta < 0 ? '▼ ' : '▲ ') : ''}${signed(ch.delta)} (${ch.significant ? 'sig.' : 'n.s.'})`, significant: ch.significant, down: ch.delta < 0 } : undefined,
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
      {c.comparison && <p class="legend">Under each cell: the change in points against {against} (sig. = significant at 95 %, n.s. = not significant).</p>}
      <ExportMenu title="CPI attainment" rows={() => cpiRows(c)} />
    </section>
  );
}
