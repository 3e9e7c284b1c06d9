import type { QuadrantPoint } from '../charts/quadrant-chart';
import type { DriverMetrics } from '../hooks/use-metrics';
import { round } from './chart-data';

type Driver = DriverMetrics['drivers'][number];

const signed = (v: number) => `${v > 0 ? '+' : ''}${round(v, 1)}`;
export const driverInterval = (d: Driver) => `${signed(d.importance)} (${round(d.ci[0], 1)} to ${round(d.ci[1], 1)})`;
const LABELLED = 5;

/**
 * Places the API's drivers of one kind: performance across, |importance| up (a theme that costs points
 * and a CPI that earns them are both important), the interval as a whisker folded at 0.
 * Placement only: every number is the API's.
 */
export function driverPoints(d: DriverMetrics, kind: Driver['kind']): { points: QuadrantPoint[]; yMax: number } {
  const placed = d.drivers.filter((x) => x.kind === kind && x.performance !== null && x.quadrant !== null);
  const top = new Set(placed.slice(0, LABELLED).map((x) => `${x.kind}:${x.key}`));
  const points = placed.map((x) => {
    const [lo, hi] = x.importance >= 0 ? x.ci : [-x.ci[1], -x.ci[0]];
    return {
      key: `${x.kind}:${x.key}`,
      label: x.label,
      shape: x.kind === 'cpi' ? ('circle' as const) : ('square' as const),
      x: x.performance!,
      y: Math.abs(x.importance),
      yLo: lo,
      yHi: hi,
      quadrant: x.quadrant!,
      significant: x.significant,
      labelled: top.has(`${x.kind}:${x.key}`) || x.quadrant === 'fix-first',
      note: `${x.kind === 'cpi' ? 'CPI' : 'theme'}, importance ${driverInterval(x)} NPS points, performance ${round(x.performance! * 100)} %, n = ${x.n}${x.significant ? '' : ', not significant'}`,
    };
  });
  const highest = Math.max(4, ...points.map((p) => Math.max(p.y, p.yHi)));
  const step = highest > 100 ? 40 : highest > 40 ? 20 : highest > 20 ? 8 : 4;
  return { points, yMax: Math.ceil(highest / step) * step };
}
