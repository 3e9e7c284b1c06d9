import { periodStart } from '../metrics/buckets';
import { isoDate, localDay } from '../metrics/time-zone';

/** The two local weeks a week-over-week rule compares, as days since the epoch. */
export interface WeekPair {
  /** Monday of the week before the last complete one. */
  from: number;
  /** Sunday of the last complete week. */
  to: number;
  previousWeek: string;
  week: string;
}

/**
 * The last complete ISO week in zone `tz` at instant `now`, and the week before it. Rules
 * compare whole weeks only: testing a week while it fills up, again and again, would flag
 * chance dips as significant far more often than the 5 % the test promises.
 *
 * @example comparedWeeks('UTC', Date.parse('2026-03-11T09:00Z')) // { previousWeek: '2026-02-23', week: '2026-03-02', … }
 */
export function comparedWeeks(tz: string, now: number): WeekPair {
  const thisWeek = periodStart('week', localDay(tz, now));
  return { from: thisWeek - 14, to: thisWeek - 1, previousWeek: isoDate(thisWeek - 14), week: isoDate(thisWeek - 7) };
}
