import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketCount, periodStart, planBuckets, splitByDay } from '../../server/metrics/buckets';
import { isTimeZone, isoDate, localDay, localDayStart, offsetAt, parseIsoDate } from '../../server/metrics/time-zone';

const H = 3_600_000;
const day = (s: string) => parseIsoDate(s)!;
const hour = (iso: string) => Date.parse(iso) / H;

describe('local calendar', () => {
  it('parses real dates only', () => {
    expect(isoDate(day('2026-02-28'))).toBe('2026-02-28');
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2026-2-3')).toBeNull();
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
  it('reads offsets and local days', () => {
    expect(offsetAt('Europe/Paris', Date.parse('2026-01-15T12:00:00Z'))).toBe(H);
    expect(offsetAt('Europe/Paris', Date.parse('2026-07-15T12:00:00Z'))).toBe(2 * H);
    expect(localDay('America/New_York', Date.parse('2026-01-15T03:00:00Z'))).toBe(day('2026-01-14'));
  });
  it('starts days at local midnight, across DST changes and skipped midnights', () => {
    expect(new Date(localDayStart('Europe/Paris', day('2026-03-29'))).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(localDayStart('Europe/Paris', day('2026-03-30'))).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // Chile jumps from Saturday 24:00 to Sunday 01:00: the day starts at the jump.
    expect(new Date(localDayStart('America/Santiago', day('2026-09-06'))).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    // … and repeats Saturday 23:00–24:00 in April: Sunday starts once, at 00:00 −04.
    expect(new Date(localDayStart('America/Santiago', day('2026-04-05'))).toISOString()).toBe('2026-04-05T04:00:00.000Z');
    expect(new Date(localDayStart('Asia/Kolkata', day('2026-01-01'))).toISOString()).toBe('2025-12-31T18:30:00.000Z');
  });
});

describe('buckets', () => {
  it('cuts ISO weeks (Monday) to the requested range', () => {
    const { buckets, hourAligned } = planBuckets('UTC', 'week', day('2026-03-04'), day('2026-03-10'));
    expect(hourAligned).toBe(true);
    expect(buckets).toEqual([
      { start: '2026-03-02', fromHour: hour('2026-03-04T00:00:00Z'), toHour: hour('2026-03-09T00:00:00Z'), partial: true },
      { start: '2026-03-09', fromHour: hour('2026-03-09T00:00:00Z'), toHour: hour('2026-03-11T00:00:00Z'), partial: true },
    ]);
  });
  it('gives DST days 23 and 25 hours', () => {
    const spring = planBuckets('Europe/Paris', 'day', day('2026-03-29'), day('2026-03-29')).buckets[0]!;
    expect(spring.toHour - spring.fromHour).toBe(23);
    const autumn = planBuckets('America/New_York', 'day', day('2026-11-01'), day('2026-11-01')).buckets[0]!;
    expect(autumn.toHour - autumn.fromHour).toBe(25);
  });
  it('forms calendar months', () => {
    const { buckets } = planBuckets('Europe/Paris', 'month', day('2026-01-15'), day('2026-03-10'));
    expect(buckets.map((b) => [b.start, b.partial])).toEqual([['2026-01-01', true], ['2026-02-01', false], ['2026-03-01', true]]);
    expect(buckets[1]).toMatchObject({ fromHour: hour('2026-01-31T23:00:00Z'), toHour: hour('2026-02-28T23:00:00Z') });
  });
  it('moves boundaries to the start of the UTC hour in half-hour zones, and says so', () => {
    const { buckets, hourAligned } = planBuckets('Asia/Kolkata', 'day', day('2026-01-01'), day('2026-01-01'));
    expect(hourAligned).toBe(false);
    expect(buckets[0]).toMatchObject({ fromHour: hour('2025-12-31T18:00:00Z'), toHour: hour('2026-01-01T18:00:00Z') });
  });
  it('tiles the range: contiguous, counted right, and every hour in the bucket of its local day', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Pacific/Auckland', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom('day' as const, 'week' as const, 'month' as const),
        fc.integer({ min: day('2024-01-01'), max: day('2027-01-01') }),
        fc.nat(120),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (tz, kind, from, length, at) => {
          const to = from + length;
          const { buckets } = planBuckets(tz, kind, from, to);
          expect(buckets.length).toBe(bucketCount(kind, from, to));
          for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.fromHour).toBe(buckets[i - 1]!.toHour);
          const first = buckets[0]!.fromHour;
          const h = first + Math.floor(at * (buckets.at(-1)!.toHour - first));
          const b = buckets.find((x) => x.fromHour <= h && h < x.toHour)!;
          expect(b.start).toBe(isoDate(periodStart(kind, localDay(tz, h * H))));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('reads buckets as whole UTC days with hour corrections that net to exactly their hours', () => {
    // A Paris week in winter runs from 23:00 UTC Sunday to 23:00 UTC Sunday: 7 day rows, one
    // hour added before them and one taken away at the end.
    const { buckets } = planBuckets('Europe/Paris', 'week', day('2026-01-05'), day('2026-01-11'));
    expect(splitByDay(buckets)).toEqual({
      days: [[0, day('2026-01-05'), day('2026-01-12')]],
      addHours: [[0, hour('2026-01-04T23:00:00Z'), hour('2026-01-05T00:00:00Z')]],
      subtractHours: [[0, hour('2026-01-11T23:00:00Z'), hour('2026-01-12T00:00:00Z')]],
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 500_000 }), fc.nat(24 * 20)), { maxLength: 4 }), (spans) => {
        const ranges = spans.map(([fromHour, length]) => ({ fromHour, toHour: fromHour + length }));
        const split = splitByDay(ranges);
        ranges.forEach((r, i) => {
          // Every hour's net count: 1 inside the bucket, 0 outside.
          const net = new Map<number, number>();
          const add = (a: number, b: number, by: number) => {
            for (let h = a; h < b; h++) net.set(h, (net.get(h) ?? 0) + by);
          };
          for (const [b, a, z] of split.days) if (b === i) add(a * 24, z * 24, 1);
          for (const [b, a, z] of split.addHours) if (b === i) add(a, z, 1);
          for (const [b, a, z] of split.subtractHours) if (b === i) add(a, z, -1);
          for (const [h, n] of net) expect(n).toBe(h >= r.fromHour && h < r.toHour ? 1 : 0);
          for (let h = r.fromHour; h < r.toHour; h++) expect(net.get(h)).toBe(1);
          // Whole days keep the hour corrections to at most 12 at each edge.
          const corrections = [...split.addHours, ...split.subtractHours].filter(([b]) => b === i).reduce((n, [, a, z]) => n + z - a, 0);
          if (split.days.some(([b]) => b === i)) expect(corrections).toBeLessThanOrEqual(24);
        });
      }),
    );
  });
});
