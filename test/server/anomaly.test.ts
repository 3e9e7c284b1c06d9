import { describe, expect, it } from 'vitest';
import { ANOMALY_THRESHOLDS, median, npsAnomaly, robustAnomaly, volumeAnomaly } from '../../server/metrics/anomaly';
import { dueWeek } from '../../server/digest/schedule';
import { digestWeek } from '../../server/digest/week';

const day = (iso: string) => Date.parse(`${iso}T00:00Z`) / 86_400_000;

describe('anomaly rule (robust z on median / MAD)', () => {
  it('computes z from the median and 1.4826 × MAD of the baseline', () => {
    const baseline = [10, 12, 9, 11, 30, 10, 8, 11]; // one odd week does not move the median much
    const m = median(baseline); // 10.5
    const mad = median(baseline.map((x) => Math.abs(x - m))); // 1
    const a = robustAnomaly(20, baseline, 0)!;
    expect(m).toBe(10.5);
    expect(a.scale).toBeCloseTo(1.4826 * mad, 12);
    expect(a.z).toBeCloseTo((20 - 10.5) / (1.4826 * mad), 12);
    expect(a.flaggedAt).toEqual(['low', 'medium', 'high']);
  });

  it('flags at the sensitivities whose threshold |z| reaches', () => {
    const baseline = [0, 0, 0, 0, 0, 0, 0, 0].map((_, i) => 100 + (i % 2 ? 10 : -10)); // MAD 10 → scale 14.826
    const at = (z: number) => robustAnomaly(100 + z * 14.826, baseline, 0)!.flaggedAt;
    expect(at(2)).toEqual([]);
    expect(at(ANOMALY_THRESHOLDS.high + 0.01)).toEqual(['high']);
    expect(at(-(ANOMALY_THRESHOLDS.medium + 0.01))).toEqual(['medium', 'high']);
    expect(at(ANOMALY_THRESHOLDS.low)).toEqual(['low', 'medium', 'high']);
  });

  it('floors the scale by the noise the figure has anyway, and needs 4 baseline days', () => {
    // A perfectly steady baseline: Poisson noise √10 keeps one answer more from being an anomaly.
    expect(volumeAnomaly(11, [10, 10, 10, 10, 10, 10, 10, 10])!.flaggedAt).toEqual([]);
    expect(volumeAnomaly(30, [10, 10, 10, 10, 10, 10, 10, 10])!.z).toBeCloseTo(20 / Math.sqrt(10), 12);
    expect(volumeAnomaly(1, [0, 0, 0, 0, 0, 0, 0, 0])!.z).toBe(1); // floor 1 on an empty baseline
    expect(npsAnomaly(20, 15, [40, 40, 40, 40])!.z).toBeCloseTo(-20 / 15, 12);
    expect(volumeAnomaly(40, [10, 10, 10])).toBeNull();
  });
});

describe('digest weeks and delivery time', () => {
  it('covers the last complete ISO week in the workspace zone', () => {
    // Monday 2026-03-09 01:00 in Tokyo is still Sunday in UTC.
    const now = Date.parse('2026-03-08T16:00Z');
    expect(digestWeek('Asia/Tokyo', now)).toBe(day('2026-03-02'));
    expect(digestWeek('UTC', now)).toBe(day('2026-02-23'));
    expect(digestWeek('UTC', now, day('2026-02-05'))).toBe(day('2026-02-02'));
    expect(() => digestWeek('UTC', now, day('2026-03-04'))).toThrow(/not over yet/);
  });

  it('is due from Monday 08:00 local to the end of that Monday', () => {
    expect(dueWeek('Europe/Paris', Date.parse('2026-03-09T06:59Z'))).toBeNull(); // 07:59 in Paris
    expect(dueWeek('Europe/Paris', Date.parse('2026-03-09T07:00Z'))).toBe(day('2026-03-02'));
    expect(dueWeek('Europe/Paris', Date.parse('2026-03-09T22:59Z'))).toBe(day('2026-03-02'));
    expect(dueWeek('Europe/Paris', Date.parse('2026-03-09T23:00Z'))).toBeNull(); // Tuesday in Paris
    expect(dueWeek('America/New_York', Date.parse('2026-03-09T11:59Z'))).toBeNull(); // 07:59 EDT
    expect(dueWeek('America/New_York', Date.parse('2026-03-09T12:00Z'))).toBe(day('2026-03-02'));
  });
});
