import type { DriverMetrics } from '../hooks/use-metrics';
import { QuadrantChart } from '../charts/quadrant-chart';
import { Empty } from '../components/states';
import { round } from '../lib/chart-data';
import { driverInterval, driverPoints } from '../lib/driver-points';

const quadrantName: Record<string, string> = { 'fix-first': 'Fix first', keep: 'Keep', watch: 'Watch', maintain: 'Maintain' };

/** Key drivers of NPS for the selected touchpoint: the importance × performance quadrant and its table. */
export function DriversCard({ d, scopeName }: { d: DriverMetrics; scopeName: string }) {
  return (
    <section class="panel" aria-labelledby="drivers-h">
      <h2 id="drivers-h">Key drivers: {scopeName}</h2>
      {d.drivers.length === 0 ? (
        <Empty>Not enough answers yet: each group compared needs at least {d.minN} responses.</Empty>
      ) : (
        <>
          <div class="quadrants">
            {(['cpi', 'theme'] as const).map((kind) => {
              const split = d.split[kind];
              const { points, yMax } = driverPoints(d, kind);
              return (
                <div key={kind}>
                  <h3>{kind === 'cpi' ? 'CPIs: NPS(attained) − NPS(not)' : 'Themes: NPS impact'}</h3>
                  {split ? <QuadrantChart points={points} split={split} yMax={yMax} xTitle={kind === 'cpi' ? 'Performance: attainment' : 'Performance: mean sentiment on 0–100 %'} /> : <Empty>No {kind === 'cpi' ? 'CPI' : 'theme'} with enough answers.</Empty>}
                </div>
              );
            })}
          </div>
          <p class="legend">
            <span>● CPI: importance = NPS of those who attained it − NPS of those who did not.</span>
            <span>■ Theme: importance = NPS impact (points it costs or earns the whole NPS).</span>
            <span>Quadrants split at the means of each kind; whiskers are 95 % intervals.</span>
            <span>Hollow: the 95 % interval includes 0. {d.hidden > 0 ? `${d.hidden} driver${d.hidden > 1 ? 's' : ''} under n = ${d.minN} not shown.` : ''}</span>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Driver</th>
                <th scope="col">Quadrant</th>
                <th scope="col" class="num">Importance (95 % interval)</th>
                <th scope="col" class="num">Performance</th>
                <th scope="col" class="num">n</th>
              </tr>
            </thead>
            <tbody>
              {d.drivers.slice(0, 12).map((x) => (
                <tr key={`${x.kind}:${x.key}`}>
                  <th scope="row">
                    {x.label} <span class="muted">{x.kind === 'cpi' ? 'CPI' : 'theme'}</span>
                  </th>
                  <td>{x.quadrant ? quadrantName[x.quadrant] : '–'}</td>
                  <td class={`num ${x.significant ? '' : 'muted'}`}>
                    {driverInterval(x)}
                    {x.significant ? '' : ' n.s.'}
                  </td>
                  <td class="num">{x.performance === null ? '–' : `${round(x.performance * 100)} %`}</td>
                  <td class="num">{x.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
