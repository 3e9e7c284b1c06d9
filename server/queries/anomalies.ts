import type { Db } from '../../db/client';
import type { Workspace } from '../../db/schema';
import { BASELINE_WEEKS, npsAnomaly, volumeAnomaly, type Anomaly } from '../metrics/anomaly';
import { nps, npsStandardError } from '../metrics/nps';
import { isSmall } from '../metrics/series';
import { isoDate } from '../metrics/time-zone';
import { mainSeries, npsCounts, npsFields } from './metrics';
import { resolveScope } from './metrics-source';

export interface DayAnomalies {
  day: string;
  responses: number;
  nps: number | null;
  npsN: number;
  /** Null when the baseline is too thin for a verdict. */
  volume: Anomaly | null;
  /** Null also when the day or its baseline days have fewer answers than the minimum n. */
  npsScore: Anomaly | null;
}

/**
 * Daily response volume and NPS of local days `fromDay`..`toDay` (days since the epoch), each
 * against the same weekday of the BASELINE_WEEKS weeks before (server/metrics/anomaly.ts),
 * workspace-wide or at one touchpoint. One rollup read covers the days and their baselines.
 */
export async function dailyAnomalies(db: Db, workspace: Workspace, fromDay: number, toDay: number, touchpointId?: string): Promise<DayAnomalies[]> {
  const first = fromDay - 7 * BASELINE_WEEKS;
  const scope = resolveScope(workspace, { bucket: 'day', from: first, to: toDay, ...(touchpointId ? { touchpoint: touchpointId } : {}) });
  const days = await mainSeries(db, scope, ['responses', ...npsFields]);
  const out: DayAnomalies[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    const at = (d: number) => days[d - first]!;
    const baseline = Array.from({ length: BASELINE_WEEKS }, (_, w) => at(day - 7 * (w + 1)));
    const today = npsCounts(at(day));
    const score = nps(today);
    const npsBaseline = baseline.map(npsCounts).filter((c) => !isSmall(c.n)).map((c) => nps(c)!);
    out.push({
      day: isoDate(day),
      responses: at(day).responses,
      nps: score,
      npsN: today.n,
      volume: volumeAnomaly(at(day).responses, baseline.map((b) => b.responses)),
      npsScore: score === null || isSmall(today.n) ? null : npsAnomaly(score, npsStandardError(today)!, npsBaseline),
    });
  }
  return out;
}
