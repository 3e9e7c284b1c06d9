// Sentiment = a logistic model over rule-weighted features. Because the model is linear, the
// score decomposes exactly into per-phrase contributions, which is the explanation we show.
import { extractFeatures } from './features.js';
import { defaultModel, type SentimentModel } from './model.js';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
/** A phrase and its signed contribution to the score. */
export interface SentimentTerm { term: string; weight: number }
export interface Sentiment { score: number; label: SentimentLabel; explanation: SentimentTerm[] }

const MAX_TERMS = 10;
const MIN_TERM_WEIGHT = 0.005;
const round3 = (x: number): number => Math.round(x * 1000) / 1000 || 0;

/** The log-odds of "positive" and the contribution of each phrase to it. */
export function logOdds(text: string, model: SentimentModel = defaultModel()): { z: number; terms: Map<string, number> } {
  const terms = new Map<string, number>();
  let z = 0;
  for (const f of extractFeatures(text, model.lexicon)) {
    const w = model.weights.get(f.key);
    if (w === undefined) continue;
    const c = w * f.value;
    z += c;
    terms.set(f.term, (terms.get(f.term) ?? 0) + c);
  }
  return { z, terms };
}

/**
 * Score in [-1, 1] (2·P(positive) − 1), a label with a neutral band, and the phrases that
 * moved the score. Explanation weights are scaled so that, summed, they give the score.
 *
 * @example
 * analyzeSentiment('The food was great but the service was awful')
 * // → { score: -0.6, label: 'negative', explanation: [{ term: 'awful', weight: -0.7 }, { term: 'great', weight: 0.2 }, …] }
 */
export function analyzeSentiment(text: string, model: SentimentModel = defaultModel()): Sentiment {
  const { z, terms } = logOdds(text, model);
  const score = round3(Math.tanh(z / 2));
  const label: SentimentLabel = score >= model.neutralBand ? 'positive' : score <= -model.neutralBand ? 'negative' : 'neutral';
  // tanh(z/2)/z is positive, so scaling keeps each term's sign and makes the terms add up to the score.
  const scale = z === 0 ? 0 : Math.tanh(z / 2) / z;
  const explanation = [...terms]
    .map(([term, c]) => ({ term, weight: round3(c * scale) }))
    .filter((t) => Math.abs(t.weight) >= MIN_TERM_WEIGHT)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, MAX_TERMS);
  return { score, label, explanation };
}
