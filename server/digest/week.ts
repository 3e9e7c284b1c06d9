import { ApiError } from '../errors';
import { periodStart } from '../metrics/buckets';
import { isoDate, localDay } from '../metrics/time-zone';

/**
 * The Monday (days since the epoch) of the ISO week a digest covers in zone `tz`: the week
 * containing `requested`, or the last complete week. A week still under way is refused: its
 * figures would change after they were sent.
 *
 * @example digestWeek('UTC', Date.parse('2026-03-11T09:00Z')) // the day number of 2026-03-02
 */
export function digestWeek(tz: string, now: number, requested?: number): number {
  const thisWeek = periodStart('week', localDay(tz, now));
  if (requested === undefined) return thisWeek - 7;
  const week = periodStart('week', requested);
  if (week >= thisWeek) throw new ApiError(400, 'week_not_complete', `The week of ${isoDate(week)} is not over yet in ${tz}; the last complete week starts ${isoDate(thisWeek - 7)}`);
  return week;
}
