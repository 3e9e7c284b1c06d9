import { isoDate, localDayStart } from './time-zone';

export type BucketKind = 'day' | 'week' | 'month';

/**
 * One bucket of a series: its local start date and the UTC hours it reads from the hourly
 * rollups, `[fromHour, toHour)`.
 */
export interface Bucket {
  start: string;
  fromHour: number;
  toHour: number;
  /** True when the requested range cuts the bucket (a week or month only partly inside it). */
  partial: boolean;
}

const HOUR = 3_600_000;

/** The local day on which the bucket containing `day` starts (ISO weeks start on Monday). */
export function periodStart(kind: BucketKind, day: number): number {
  if (kind === 'day') return day;
  if (kind === 'week') return day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
  const d = new Date(day * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
}

/** The local day on which the bucket after the one starting on `start` begins. */
export function nextPeriod(kind: BucketKind, start: number): number {
  if (kind === 'day') return start + 1;
  if (kind === 'week') return start + 7;
  const d = new Date(start * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000;
}

/** The buckets of one request and whether their boundaries are exact. */
export interface BucketPlan {
  buckets: Bucket[];
  /**
   * False in zones with a non-whole-hour offset (India +5:30, Nepal +5:45, Newfoundland
   * −3:30 …): local midnight falls inside a UTC hour, which the hourly rollups cannot split,
   * so each boundary moves back to the start of that hour (buckets begin 15–30 min early).
   */
  hourAligned: boolean;
}

/**
 * The buckets covering local days `fromDay` … `toDay` (inclusive) in zone `tz`, clipped to
 * that range.
 *
 * @example planBuckets('UTC', 'week', parseIsoDate('2026-03-04')!, parseIsoDate('2026-03-10')!)
 * // buckets: [{ start: '2026-03-02', partial: true, … }, { start: '2026-03-09', partial: true, … }]
 */
export function planBuckets(tz: string, kind: BucketKind, fromDay: number, toDay: number): BucketPlan {
  let hourAligned = true;
  const boundary = (day: number): number => {
    const ms = localDayStart(tz, day);
    if (ms % HOUR !== 0) hourAligned = false;
    return Math.floor(ms / HOUR);
  };
  const out: Bucket[] = [];
  let next = boundary(fromDay);
  for (let start = periodStart(kind, fromDay); start <= toDay; start = nextPeriod(kind, start)) {
    const end = nextPeriod(kind, start);
    const lo = Math.max(start, fromDay);
    const hi = Math.min(end, toDay + 1);
    const fromHour = next;
    next = boundary(hi);
    out.push({ start: isoDate(start), fromHour, toHour: next, partial: lo !== start || hi !== end });
  }
  return { buckets: out, hourAligned };
}

/** How many buckets `buckets` would return, without the time-zone work. */
export function bucketCount(kind: BucketKind, fromDay: number, toDay: number): number {
  if (kind === 'day') return toDay - fromDay + 1;
  if (kind === 'week') return Math.floor((toDay - periodStart('week', fromDay)) / 7) + 1;
  const a = new Date(fromDay * 86_400_000);
  const b = new Date(toDay * 86_400_000);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
}

/** `[bucket index, from, to)` in hours or days since the epoch. */
export type Span = [bucket: number, from: number, to: number];

/** A bucket's hours as day rows plus hour rows to add and hour rows to take away. */
export interface DaySplit {
  days: Span[];
  addHours: Span[];
  subtractHours: Span[];
}

/**
 * Splits each bucket's UTC hours `[fromHour, toHour)` into whole UTC days, read from the day
 * rollups, and corrections from the hour rollups at each edge. An edge snaps to the nearest
 * UTC midnight: the hours between the edge and that midnight are added when they lie outside
 * the days, and subtracted when the days overreach (day rows are exact sums of hour rows, so
 * the difference is exact). A bucket in a whole-hour zone then reads at most 12 hour rows per
 * edge and key: a Paris week is 7 day rows and 2 hour rows, a Paris day 1 and 2.
 */
export function splitByDay(ranges: readonly { fromHour: number; toHour: number }[]): DaySplit {
  const out: DaySplit = { days: [], addHours: [], subtractHours: [] };
  ranges.forEach(({ fromHour, toHour }, bucket) => {
    const firstDay = Math.round(fromHour / 24);
    const endDay = Math.round(toHour / 24);
    if (firstDay >= endDay) {
      if (fromHour < toHour) out.addHours.push([bucket, fromHour, toHour]);
      return;
    }
    out.days.push([bucket, firstDay, endDay]);
    if (fromHour < firstDay * 24) out.addHours.push([bucket, fromHour, firstDay * 24]);
    if (fromHour > firstDay * 24) out.subtractHours.push([bucket, firstDay * 24, fromHour]);
    if (toHour > endDay * 24) out.addHours.push([bucket, endDay * 24, toHour]);
    if (toHour < endDay * 24) out.subtractHours.push([bucket, toHour, endDay * 24]);
  });
  return out;
}
