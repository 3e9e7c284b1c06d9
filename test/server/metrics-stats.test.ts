import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nps, npsChange, npsMargin, npsStat } from '../../server/metrics/nps';
import { proportionMargin, twoProportionChange, wilson } from '../../server/metrics/proportions';
import { cesStat, cpiStat, csatStat, sentimentStat } from '../../server/metrics/scores';
import { flagSeries, MIN_N } from '../../server/metrics/series';

// Expected values below were worked out by hand from the formulas in PRODUCT.md.
describe('NPS', () => {
  it('is 100 × (promoters − detractors) / n', () => {
    expect(nps({ n: 10, promoters: 5, passives: 3, detractors: 2 })).toBe(30);
    expect(nps({ n: 3, promoters: 0, passives: 0, detractors: 3 })).toBe(-100);
    expect(nps({ n: 0, promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
  it('has margin 1.96 × 100 × √((p + d − (p − d)²) / n)', () => {
    // p = .5, d = .2: .7 − .09 = .61; √(.61 / 10) = .246982; × 196 = 48.4085
    expect(npsMargin({ n: 10, promoters: 5, passives: 3, detractors: 2 })).toBeCloseTo(48.4085, 3);
    // Same shares, n = 100: √(.0061) × 196 = 15.3080
    expect(npsMargin({ n: 100, promoters: 50, passives: 30, detractors: 20 })).toBeCloseTo(15.308, 3);
    expect(npsMargin({ n: 40, promoters: 40, passives: 0, detractors: 0 })).toBe(0);
    expect(npsStat({ n: 0, promoters: 0, passives: 0, detractors: 0 })).toEqual({ n: 0, promoters: 0, passives: 0, detractors: 0, nps: null, margin: null });
  });
  it('flags a difference over its combined standard error above 1.96', () => {
    // NPS 30 (se 7.8102) → NPS 0 (p = d = .3: se √(.6 / 100) × 100 = 7.7460); z = −30 / 11.0 = −2.727
    const drop = npsChange({ n: 100, promoters: 50, passives: 30, detractors: 20 }, { n: 100, promoters: 30, passives: 40, detractors: 30 })!;
    expect(drop.delta).toBe(-30);
    expect(drop.z).toBeCloseTo(-2.7273, 3);
    expect(drop.significant).toBe(true);
    // NPS 30 → 20 with the same n: z ≈ −0.89, not significant.
    expect(npsChange({ n: 100, promoters: 50, passives: 30, detractors: 20 }, { n: 100, promoters: 45, passives: 30, detractors: 25 })!.significant).toBe(false);
    expect(npsChange({ n: 0, promoters: 0, passives: 0, detractors: 0 }, { n: 5, promoters: 5, passives: 0, detractors: 0 })).toBeNull();
    // Unanimous on both sides: zero standard error, any difference is certain.
    expect(npsChange({ n: 40, promoters: 40, passives: 0, detractors: 0 }, { n: 40, promoters: 0, passives: 0, detractors: 40 })).toEqual({ delta: -200, z: null, significant: true });
  });
  it('stays within [−100, 100] with a margin of at most 196 / √n', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (p, pa, d) => {
        const n = p + pa + d;
        const s = npsStat({ n, promoters: p, passives: pa, detractors: d });
        if (n === 0) return s.nps === null;
        return s.nps! >= -100 && s.nps! <= 100 && s.margin! >= 0 && s.margin! <= 196 / Math.sqrt(n) + 1e-9;
      }),
    );
  });
});

describe('Wilson interval', () => {
  it('matches hand-computed cases', () => {
    // p = .8, n = 10: centre .716738, half .226582
    const a = wilson(8, 10)!;
    expect(a.low).toBeCloseTo(0.490156, 5);
    expect(a.high).toBeCloseTo(0.94332, 4);
    const zero = wilson(0, 10)!;
    expect(zero.low).toBeCloseTo(0, 6);
    expect(zero.high).toBeCloseTo(0.277542, 5);
    expect(wilson(0, 0)).toBeNull();
  });
  it('always contains the observed proportion and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const x = Math.round(share * n * 2) / 2; // half counts, as CPI `partly`
        const i = wilson(x, n)!;
        return i.low >= 0 && i.high <= 1 && i.low <= x / n + 1e-12 && i.high >= x / n - 1e-12;
      }),
    );
  });
});

describe('proportions', () => {
  it('two-proportion test: 50/100 → 65/100 is significant, 50/100 → 60/100 is not', () => {
    // pooled .575, se √(.575 × .425 × .02) = .069911, z = .15 / .069911 = 2.1456
    const a = twoProportionChange(50, 100, 65, 100)!;
    expect(a.z).toBeCloseTo(2.1456, 3);
    expect(a.significant).toBe(true);
    const b = twoProportionChange(50, 100, 60, 100)!;
    expect(b.z).toBeCloseTo(1.4213, 3);
    expect(b.significant).toBe(false);
    expect(twoProportionChange(10, 10, 20, 20)).toEqual({ delta: 0, z: null, significant: false });
    expect(twoProportionChange(1, 0, 1, 1)).toBeNull();
  });
  it('CSAT is the share of 4–5 in percent with a normal margin', () => {
    // 196 × √(.75 × .25 / 200) = 6.0013
    expect(csatStat({ n: 200, satisfied: 150 })).toEqual({ n: 200, satisfied: 150, csat: 75, margin: expect.closeTo(6.0013, 3) });
    expect(proportionMargin(0, 0)).toBeNull();
  });
  it('CES is a mean on 1–7 with the share of answers ≥ 5', () => {
    expect(cesStat({ n: 4, sum: 20, high: 3 })).toMatchObject({ mean: 5, shareHigh: 75 });
    expect(cesStat({ n: 0, sum: 0, high: 0 })).toMatchObject({ mean: null, shareHigh: null, margin: null });
  });
  it('sentiment is the mean of scores kept in thousandths, with label shares', () => {
    expect(sentimentStat({ n: 4, sumMilli: -1000, positive: 1, neutral: 1, negative: 2 })).toEqual({
      n: 4, mean: -0.25, positive: 1, neutral: 1, negative: 2, shares: { positive: 0.25, neutral: 0.25, negative: 0.5 },
    });
  });
});

describe('CPI attainment', () => {
  // yes 9, partly 2, no 1: attained 10 / 12 = .8333; Wilson [.55197, .95305]
  const counts = { answered: 12, yes: 9, partly: 2, no: 1 };
  it('counts partly as half and carries a Wilson interval', () => {
    const s = cpiStat(counts, 0.5);
    expect(s.attained).toBe(10);
    expect(s.attainment).toBeCloseTo(0.83333, 5);
    expect(s.interval!.low).toBeCloseTo(0.55197, 4);
    expect(s.interval!.high).toBeCloseTo(0.95305, 4);
  });
  it('is met above, missed below and uncertain inside the interval', () => {
    expect(cpiStat(counts, 0.5).status).toBe('met');
    expect(cpiStat(counts, 0.96).status).toBe('missed');
    expect(cpiStat(counts, 0.7).status).toBe('uncertain');
    expect(cpiStat({ answered: 0, yes: 0, partly: 0, no: 0 }, 0.7).status).toBe('uncertain');
    expect(cpiStat(counts, null).status).toBeNull();
  });
});

describe('series flags', () => {
  it('marks small samples and never calls a change involving one significant', () => {
    const points = [{ n: MIN_N - 1 }, { n: 500 }, { n: 500 }];
    const flagged = flagSeries(points, (p) => p.n, () => ({ delta: 50, z: 10, significant: true }));
    expect(flagged.map((p) => p.smallSample)).toEqual([true, false, false]);
    expect(flagged.map((p) => p.change?.significant ?? null)).toEqual([null, false, true]);
  });
});
