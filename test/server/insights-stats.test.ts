import { describe, expect, it } from 'vitest';
import { npsDifference, quadrants, sentimentPerformance, themeImpact } from '../../server/metrics/drivers';
import { accountHealth, bandOf, npsComponent } from '../../server/metrics/health';

// Expected values worked out by hand from the formulas in docs/METRICS.md.
const g = (n: number, promoters: number, detractors: number) => ({ n, promoters, passives: n - promoters - detractors, detractors });

describe('key drivers', () => {
  it('CPI importance is NPS(yes) − NPS(no) over the combined standard error', () => {
    // yes: NPS 45, p .6 d .15: √((.75 − .2025) / 40) = 11.6994; no: NPS −30, p .2 d .5: √((.7 − .09) / 40) = 12.3491
    // se = √(136.875 + 152.5) = 17.0110; half-width 1.96 × 17.0110 = 33.3416
    const d = npsDifference(g(40, 24, 6), g(40, 8, 20))!;
    expect(d.estimate).toBe(75);
    expect(d.se).toBeCloseTo(17.011, 3);
    expect(d.ci[0]).toBeCloseTo(41.6584, 3);
    expect(d.ci[1]).toBeCloseTo(108.3416, 3);
    expect(d.significant).toBe(true);
  });
  it('is not significant when the interval contains 0', () => {
    // NPS 10 (se √(.69 / 30) = 15.1658) vs 0 (se √(.6667 / 30) = 14.9071): se 21.2654, CI 10 ± 41.680
    const d = npsDifference(g(30, 12, 9), g(30, 10, 10))!;
    expect(d.estimate).toBeCloseTo(10, 9);
    expect(d.ci[0]).toBeCloseTo(-31.68, 2);
    expect(d.ci[1]).toBeCloseTo(51.68, 2);
    expect(d.significant).toBe(false);
  });
  it('shows nothing under the minimum n in either group', () => {
    expect(npsDifference(g(29, 20, 2), g(100, 10, 50))).toBeNull();
    expect(npsDifference(g(100, 20, 2), g(29, 10, 5))).toBeNull();
  });
  it('treats two unanimous groups as certain', () => {
    expect(npsDifference(g(30, 30, 0), g(30, 0, 30))).toEqual({ estimate: 200, se: 0, ci: [200, 200], significant: true });
  });
  it('theme impact is NPS(all) − NPS(without) with se w·√(se_with² + se_without²)', () => {
    // all: NPS 30 (n 100); with: n 40, NPS −30; without: n 60, p .7 d 0, NPS 70. Impact −40 = .4 × (−30 − 70).
    // se_with 12.3491, se_without √(.21 / 60) = 5.9161; √(152.5 + 35) = 13.6931 × .4 = 5.4772; half 10.7354
    const e = themeImpact({ n: 100, promoters: 50, passives: 30, detractors: 20 }, g(40, 8, 20))!;
    expect(e.estimate).toBeCloseTo(-40, 9);
    expect(e.se).toBeCloseTo(5.4772, 3);
    expect(e.ci[0]).toBeCloseTo(-50.7354, 3);
    expect(e.ci[1]).toBeCloseTo(-29.2646, 3);
    expect(e.significant).toBe(true);
    // 75 responses without the theme but only 25 with it: hidden.
    expect(themeImpact({ n: 100, promoters: 50, passives: 30, detractors: 20 }, g(25, 5, 10))).toBeNull();
  });
  it('puts sentiment on the 0..1 scale of attainment and splits quadrants at the means', () => {
    expect(sentimentPerformance(-1)).toBe(0);
    expect(sentimentPerformance(0.5)).toBe(0.75);
    expect(sentimentPerformance(null)).toBeNull();
    const ds = [
      { importance: 40, performance: 0.4 }, // |40| ≥ mean 25, 0.4 < mean 0.6: fix first
      { importance: -30, performance: 0.9 }, // important, performing: keep
      { importance: 10, performance: 0.5 }, // unimportant, underperforming: watch
      { importance: 20, performance: 0.6 }, // performance = mean: maintain
      { importance: 99, performance: null },
    ];
    const q = quadrants(ds);
    expect(q.split).toEqual({ importance: 25, performance: 0.6 });
    expect(ds.map(q.quadrant)).toEqual(['fix-first', 'keep', 'watch', 'maintain', null]);
  });
});

describe('account health', () => {
  const DAY = 86_400_000;
  const t = Date.UTC(2026, 5, 1);
  const r = (daysAgo: number, nps: number | null, csat: number | null, sentiment: number | null, cpiAnswered = 0, cpiHalves = 0) => ({ createdAt: t - daysAgo * DAY, nps, csat, sentiment, cpiAnswered, cpiHalves });

  it('is 100 when every component is at its best', () => {
    expect(accountHealth([r(0, 10, 5, 1, 1, 2)], t)).toMatchObject({ score: 100, band: 'green' });
  });
  it('weights the latest NPS and CSAT, CPI attainment, sentiment trend and recency', () => {
    // nps 4 (a detractor) → 4 / 20 = .2; csat 2 → .25; CPI 2.5 / 4 = .625; sentiment: recent mean(.4, −.2, −.5) = −.1, earlier .6,
    // trend −.7 → .5 − .05 − .175 = .275; recency 1 − 18 / 90 = .8.
    // .35 × .2 + .15 × .25 + .2 × .625 + .15 × .275 + .15 × .8 = .39375 → 39, red
    const h = accountHealth([r(40, null, null, 0.4, 1, 1), r(50, 9, 4, 0.6, 2, 4), r(30, 8, null, -0.2), r(20, null, 2, -0.5, 1, 0), r(18, 4, null, null)], t)!;
    expect(h.components.nps).toEqual({ latest: 4, value: 0.2 });
    expect(h.components.csat).toEqual({ latest: 2, value: 0.25 });
    expect(h.components.cpi).toEqual({ answered: 4, attainment: 0.625, value: 0.625 });
    expect(h.components.sentiment.recent).toBeCloseTo(-0.1, 9);
    expect(h.components.sentiment.trend).toBeCloseTo(-0.7, 9);
    expect(h.components.sentiment.value).toBeCloseTo(0.275, 9);
    expect(h.components.recency).toEqual({ days: 18, value: 0.8 });
    expect(h.score).toBe(39);
    expect(h.band).toBe('red');
  });
  it('rescales the weights of the components it has', () => {
    // nps 7 (a passive) → .6 (weight .35), recency 1 − 45 / 90 = .5 (.15): (.21 + .075) / .5 = .57
    expect(accountHealth([r(45, 7, null, null)], t)).toMatchObject({ score: 57, band: 'yellow' });
    expect(accountHealth([], t)).toBeNull();
  });
  it('scores the latest NPS answer by category', () => {
    expect([10, 9, 8, 7, 6, 0].map(npsComponent)).toEqual([1, 1, 0.6, 0.6, 0.3, 0]);
  });
  it('bands at 70 and 50', () => {
    expect([bandOf(70), bandOf(69), bandOf(50), bandOf(49)]).toEqual(['green', 'yellow', 'yellow', 'red']);
  });
});
