import { describe, expect, it } from 'vitest';
import { periodChange, previousPeriod } from '../../server/metrics/compare';
import { npsChange } from '../../server/metrics/nps';
import { parseIsoDate } from '../../server/metrics/time-zone';

describe('comparison periods', () => {
  it('the previous period has the same number of days and ends the day before', () => {
    const from = parseIsoDate('2026-11-03')!;
    const to = parseIsoDate('2026-12-02')!;
    const [a, b] = previousPeriod(from, to);
    expect(b - a).toBe(to - from);
    expect(b).toBe(from - 1);
    expect(previousPeriod(from, from)).toEqual([from - 1, from - 1]);
  });

  it('a period change is significant only when the test says so and neither side is a small sample', () => {
    const before = { n: 200, promoters: 120, passives: 40, detractors: 40 };
    const after = { n: 200, promoters: 60, passives: 40, detractors: 100 };
    expect(periodChange(npsChange(before, after), 200, 200)).toMatchObject({ delta: -60, significant: true });
    expect(periodChange(npsChange(before, after), 29, 200)).toMatchObject({ delta: -60, significant: false });
    const same = { n: 200, promoters: 100, passives: 50, detractors: 50 };
    expect(periodChange(npsChange(same, { ...same, promoters: 104, passives: 46 }), 200, 200)!.significant).toBe(false);
    expect(periodChange(null, 200, 200)).toBeNull();
  });
});
