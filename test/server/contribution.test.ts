import { describe, expect, it } from 'vitest';
import { rollupDeltas, type ResponseState } from '../../server/services/contribution';

const base: ResponseState = {
  surveyId: 's',
  touchpointId: 't',
  createdAt: Date.UTC(2026, 0, 1, 10, 30),
  status: 'partial',
  nps: 9,
  csat: null,
  ces: null,
  comment: null,
  cpiAnswers: [],
  sentimentScore: null,
  sentimentLabel: null,
  analysis: null,
};

describe('rollupDeltas', () => {
  it('counts a new promoter in its UTC hour', () => {
    const [main] = rollupDeltas(null, base);
    expect(main).toMatchObject({ kind: 'main', hour: Math.floor(base.createdAt / 3_600_000), values: { responses: 1, npsN: 1, promoters: 1, detractors: 0 } });
  });
  it('is empty for a replay', () => {
    expect(rollupDeltas(base, { ...base })).toEqual([]);
  });
  it('moves only what changed when a partial response is completed', () => {
    const done: ResponseState = { ...base, status: 'complete', csat: 4, comment: 'ok', cpiAnswers: [{ cpiId: 'c', answer: 'partly' }] };
    const deltas = rollupDeltas(base, done);
    const main = deltas.find((d) => d.kind === 'main')!;
    expect(main.values).toMatchObject({ responses: 0, completed: 1, npsN: 0, promoters: 0, csatN: 1, csatSum: 4, csatSatisfied: 1, comments: 1 });
    expect(deltas.find((d) => d.kind === 'cpi')).toMatchObject({ cpiId: 'c', values: { answered: 1, partly: 1, yes: 0 } });
  });
  it('reverses a response exactly on deletion', () => {
    const full: ResponseState = {
      ...base,
      status: 'complete',
      nps: 3,
      comment: 'bad',
      sentimentScore: -0.812,
      sentimentLabel: 'negative',
      analysis: { sentiment: { score: -0.812, label: 'negative', explanation: [] }, themes: [{ key: 'price', label: 'Price', keywords: ['price'] }] },
    };
    const add = rollupDeltas(null, full);
    const remove = rollupDeltas(full, null);
    expect(remove).toHaveLength(add.length);
    for (const d of remove) {
      const twin = add.find((a) => a.kind === d.kind)!;
      for (const [k, v] of Object.entries(d.values)) expect(v).toBe(-(twin.values as Record<string, number>)[k]! || 0);
    }
    expect(add.find((d) => d.kind === 'theme')).toMatchObject({ themeKey: 'price', values: { mentions: 1, detractors: 1, sentimentSumMilli: -812 } });
  });
});
