import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../server/analysis/index.js';

const weightOf = (text: string, term: string): number =>
  analyzeSentiment(text).explanation.find((t) => t.term === term)?.weight ?? 0;

describe('analyzeSentiment', () => {
  it('labels clear praise and clear complaints', () => {
    expect(analyzeSentiment('Great product, works perfectly and support was lovely').label).toBe('positive');
    expect(analyzeSentiment('Terrible service, I waited two hours and nobody helped').label).toBe('negative');
  });

  it('keeps plain statements and questions neutral', () => {
    expect(analyzeSentiment('').label).toBe('neutral');
    expect(analyzeSentiment('').score).toBe(0);
    expect(analyzeSentiment('How do I change my password?').label).toBe('neutral');
    expect(analyzeSentiment('I ordered on Tuesday.').label).toBe('neutral');
  });

  it('flips a negated word', () => {
    expect(analyzeSentiment('good').score).toBeGreaterThan(0);
    expect(analyzeSentiment('not good').score).toBeLessThan(0);
    expect(analyzeSentiment('The app is not good').label).toBe('negative');
    expect(analyzeSentiment("I didn't like the new design").label).toBe('negative');
    const explained = analyzeSentiment('not good').explanation.map((t) => t.term);
    expect(explained).toContain('not good');
  });

  it('weights the clause after "but" more than the one before', () => {
    const mixed = 'The food was great but the service was awful';
    expect(analyzeSentiment(mixed).label).toBe('negative');
    expect(analyzeSentiment('The service was awful but the food was great').label).toBe('positive');
    // "great" counts less before "but" than after it.
    expect(weightOf(mixed, 'great')).toBeLessThan(weightOf('The service was awful but the food was great', 'great'));
  });

  it('explains mixed comments with terms of both signs', () => {
    const { explanation } = analyzeSentiment('The food was great but the service was awful');
    expect(explanation.some((t) => t.weight > 0)).toBe(true);
    expect(explanation.some((t) => t.weight < 0)).toBe(true);
  });

  it('reads emoji and emoticons', () => {
    expect(analyzeSentiment('😍').label).toBe('positive');
    expect(analyzeSentiment('😡').label).toBe('negative');
    expect(analyzeSentiment('delivered today :)').score).toBeGreaterThan(analyzeSentiment('delivered today :(').score);
    expect(analyzeSentiment('delivered today 👍').score).toBeGreaterThan(analyzeSentiment('delivered today').score);
  });

  it('intensifies with capitals, exclamation marks and degree adverbs', () => {
    const plain = analyzeSentiment('the app is good').score;
    expect(analyzeSentiment('the app is GOOD').score).toBeGreaterThan(plain);
    expect(analyzeSentiment('the app is good!!!').score).toBeGreaterThan(plain);
    expect(analyzeSentiment('the app is very good').score).toBeGreaterThan(plain);
    expect(analyzeSentiment('the app is slightly good').score).toBeLessThan(plain);
  });

  it('returns a bounded score whose explanation adds up to it', () => {
    for (const text of ['I love it', 'worst purchase ever, broke after a day', 'ok I guess', 'Fast delivery but the box was damaged']) {
      const s = analyzeSentiment(text);
      expect(s.score).toBeGreaterThanOrEqual(-1);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(s.explanation.length).toBeGreaterThan(0);
      const sum = s.explanation.reduce((a, t) => a + t.weight, 0);
      // Only the smallest terms are left out, so the shown ones carry the score.
      expect(Math.abs(sum - s.score)).toBeLessThan(0.15);
      expect(Math.sign(sum)).toBe(Math.sign(s.score));
    }
  });

  it('survives unusual input', () => {
    for (const text of ['!!!', '???', '🙂🙂🙂', 'a'.repeat(10_000), '10:30 at https://x.io/a?b=c @someone', '\u0000\uffff']) {
      const s = analyzeSentiment(text);
      expect(Number.isFinite(s.score)).toBe(true);
    }
  });
});
