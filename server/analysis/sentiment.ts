// Sentiment = a logistic model over rule-weighted features. Because the model is linear, the
// score decomposes exactly into per-phrase contributions, which is the explanation we show.
import { extractFeatures, gateFeatures } from './features.js';
import { defaultModel, type SentimentModel } from './model.js';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
/** A phrase and its signed contribution to the score. */
export interface SentimentTerm { term: string; weight: number }
export interface Sentiment { score: number; label: SentimentLabel; explanation: SentimentTerm[] }

const MAX_TERMS = 10;
/** How strongly a lexicon word's own valence vouches that the comment is an opinion. */
const FELT = 1.2;
const MIN_TERM_WEIGHT = 0.005;
const round3 = (x: number): number => Math.round(x * 1000) / 1000 || 0;

/**
 * The log-odds of "positive", the contribution of each phrase to it, and the opinion gate:
 * P(the comment expresses a feeling at all), from a second logistic model trained on polar
 * versus neutral examples (questions, requests, factual reports).
 */
export function logOdds(text: string, model: SentimentModel = defaultModel()): { z: number; terms: Map<string, number>; opinion: number } {
  const terms = new Map<string, number>();
  let z = 0;
  const feats = extractFeatures(text, model.lexicon);
  for (const f of feats) {
    const w = model.weights.get(f.key);
    if (w === undefined) continue;
    const c = w * f.value;
    z += c;
    terms.set(f.term, (terms.get(f.term) ?? 0) + c);
  }
  let opinion = 1;
  if (model.gateGamma > 0 && z !== 0) {
    let g = 0;
    for (const [key, v] of gateFeatures(text, feats)) g += (model.gate.get(key) ?? 0) * v;
    // A word that carries feeling on its own ("Frustrating.", "awful") is an opinion, whatever
    // the request or report around it looks like.
    let felt = 0;
    for (const f of feats) if (f.key === 'LEX') felt = Math.max(felt, Math.abs(f.value));
    opinion = Math.max(1 / (1 + Math.exp(-g)), Math.min(1, FELT * felt));
  }
  return { z, terms, opinion };
}

/**
 * Score in [-1, 1] ((P(positive) − P(negative)) · P(opinion)), a label with a neutral band, and the phrases that
 * moved the score. Explanation weights are scaled so that, summed, they give the score.
 *
 * @example
 * analyzeSentiment('The food was great but the service was awful')
 * // → { score: -0.55, label: 'negative', explanation: [{ term: 'awful', weight: -0.77 }, { term: 'great', weight: 0.33 }, …] }
 */
// A comment's sentiment is asked for again by its themes' aspect sentiment; remember the last few.
const recent: { text: string; model: SentimentModel; result: Sentiment }[] = [];

export function analyzeSentiment(text: string, model: SentimentModel = defaultModel()): Sentiment {
  for (const r of recent) if (r.text === text && r.model === model) return r.result;
  const result = computeSentiment(text, model);
  if (recent.unshift({ text, model, result }) > 4) recent.pop();
  return result;
}

/**
 * Reports of something that went wrong are complaints even in flat words ("flight delayed 3
 * hours", "still no refund"): a neutral reading of one becomes mildly negative. Questions stay.
 */
const PROBLEM = /\b(?:delayed|cancell?ed|lost (?:my|our|the)|never (?:arrived|came|received|showed)|still (?:waiting|no|not|haven'?t)|no (?:response|reply|answer|one (?:answered|replied|called))|not working|doesn'?t work|didn'?t work|stopped working|keeps? crashing|charged twice|double charged|overcharged|on hold for|stuck (?:on|in|at)|stranded|missed (?:my|our) connection|wrong (?:item|order|size)|please fix|fix (?:this|it)|broken)\b/i;
const PROBLEM_SCORE = -0.3;

function computeSentiment(text: string, model: SentimentModel): Sentiment {
  const read = readSentiment(text, model);
  if (read.label !== 'neutral' || !PROBLEM.test(text) || /\?\s*$/.test(text.trim())) return read;
  const score = Math.min(read.score, PROBLEM_SCORE);
  return { ...read, score, label: score <= -model.neutralBand ? 'negative' : 'neutral' };
}

function readSentiment(text: string, model: SentimentModel): Sentiment {
  const { z, terms, opinion } = logOdds(text, model);
  // Polarity times confidence that there is an opinion: "how do I reset my PIN?" stays near 0
  // even when its words lean one way.
  const raw = Math.tanh(z / 2) * opinion ** model.gateGamma;
  const score = round3(raw);
  const label: SentimentLabel = score >= model.neutralBand ? 'positive' : score <= -model.neutralBand ? 'negative' : 'neutral';
  // raw/z is positive, so scaling keeps each term's sign and makes the terms add up to the score.
  const scale = z === 0 ? 0 : raw / z;
  const explanation = [...terms]
    .map(([term, c]) => ({ term, weight: round3(c * scale) }))
    .filter((t) => Math.abs(t.weight) >= MIN_TERM_WEIGHT)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, MAX_TERMS);
  return { score, label, explanation };
}
