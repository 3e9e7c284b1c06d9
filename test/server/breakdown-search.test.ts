import { describe, expect, it } from 'vitest';
import { breakdownGroup, type GroupCounts } from '../../server/metrics/breakdown';
import { matchExpression } from '../../server/queries/search';

const counts = (nps: [number, number, number], csat: [number, number] = [0, 0], cpi: [number, number, number] = [0, 0, 0]): GroupCounts => ({
  nps: { n: nps[0] + nps[1] + nps[2], promoters: nps[0], passives: nps[1], detractors: nps[2] },
  csat: { n: csat[0], satisfied: csat[1] },
  ces: { n: csat[0], sum: 0, high: csat[1] },
  cpi: { answered: cpi[0] + cpi[1] + cpi[2], yes: cpi[0], partly: cpi[1], no: cpi[2] },
});
const add = (a: GroupCounts, b: GroupCounts): GroupCounts => ({
  nps: { n: a.nps.n + b.nps.n, promoters: a.nps.promoters + b.nps.promoters, passives: a.nps.passives + b.nps.passives, detractors: a.nps.detractors + b.nps.detractors },
  csat: { n: a.csat.n + b.csat.n, satisfied: a.csat.satisfied + b.csat.satisfied },
  ces: { n: a.ces.n + b.ces.n, sum: 0, high: a.ces.high + b.ces.high },
  cpi: { answered: a.cpi.answered + b.cpi.answered, yes: a.cpi.yes + b.cpi.yes, partly: a.cpi.partly + b.cpi.partly, no: a.cpi.no + b.cpi.no },
});

describe('breakdown: each value against the rest (docs/METRICS.md)', () => {
  it('tests NPS by the difference over the combined standard error', () => {
    // Group: NPS +40 (60 / 20 / 20 of 100); rest: NPS −10 (30 / 30 / 40 of 100).
    const group = counts([60, 20, 20]);
    const g = breakdownGroup('nps', 'pro', group, add(group, counts([30, 30, 40])));
    expect(g).toMatchObject({ value: 'pro', n: 100, score: 40, delta: 50, significant: true, smallSample: false });
    const se = (p: number, d: number, n: number) => 100 * Math.sqrt((p + d - (p - d) ** 2) / n);
    expect(g.margin).toBeCloseTo(1.96 * se(0.6, 0.2, 100), 10);
    expect(g.interval!.low).toBeCloseTo(40 - g.margin!, 10);
    // Same difference, too few answers: never flagged.
    const small = counts([6, 2, 2]);
    expect(breakdownGroup('nps', 'x', small, add(small, counts([30, 30, 40])))).toMatchObject({ smallSample: true, significant: false });
  });

  it('tests CSAT, CES and CPI attainment with the two-proportion test, CPI with a Wilson interval', () => {
    const group = counts([0, 0, 0], [200, 160], [60, 20, 20]);
    const rest = counts([0, 0, 0], [200, 100], [40, 20, 40]);
    const csat = breakdownGroup('csat', 'a', group, add(group, rest));
    expect(csat).toMatchObject({ n: 200, score: 80, significant: true });
    expect(csat.delta).toBeCloseTo(30, 10);
    const cpi = breakdownGroup('cpi', 'a', group, add(group, rest));
    expect(cpi.score).toBeCloseTo(70, 10); // (60 + 20 / 2) / 100
    expect(cpi.interval!.low).toBeLessThan(70);
    expect(cpi.interval!.high).toBeGreaterThan(70);
    const equal = breakdownGroup('csat', 'a', group, add(group, group));
    expect(equal).toMatchObject({ delta: 0, significant: false });
  });
});

describe('search text as an FTS5 expression', () => {
  it('quotes every word, keeps phrases and prefixes, and drops what holds no word', () => {
    expect(matchExpression('refund')).toBe('"refund"');
    expect(matchExpression('refund* "too slow"')).toBe('"refund"* "too slow"');
    expect(matchExpression('AND OR NOT')).toBe('"AND" "OR" "NOT"');
    expect(matchExpression('a"b')).toBe('"a""b"');
    expect(matchExpression('"unbalanced phrase')).toBe('"unbalanced phrase"');
    expect(matchExpression('col:x ^y NEAR(a b)')).toBe('"col:x" "^y" "NEAR(a" "b)"');
    for (const q of ['"', '*', '**', '""', '- ( )', '" "']) expect(matchExpression(q)).toBeNull();
  });
});
