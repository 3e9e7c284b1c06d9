// Text → weighted sparse features, shared by training and inference. Every feature carries the
// phrase a person would recognise, so a model weight times this value is an explanation.
import { tokenize, stem, type Token } from './tokenize.js';
import { words as functionWords } from 'natural/lib/natural/util/stopwords.js';
import {
  isNegator, NEGATION_SCOPE, INTENSIFIERS, CONTRAST_AFTER, CONCESSIVE, CONCESSION_WEIGHT,
  EMPHASIS_WEIGHT, CAPS_WEIGHT, EXCLAMATION_STEP, EXCLAMATION_MAX, EMOJI_VALENCE,
} from './lexicon.js';

export interface Feature {
  /** Model key: `u:` unigram stem, `n:` negated unigram, `b:`/`nb:` bigram, `e:` emoji, `p:` punctuation, `LEX`/`LEX_NEG`. */
  key: string;
  /** Multiplier from the rule layer (contrast, intensifier, caps, "!"), times the valence for LEX. */
  value: number;
  /** What the explanation shows: "terrible", "not good", "😡". */
  term: string;
}

/** Prior valence on [-1, 1] for a word or emoticon, or undefined when it has none. */
export type Lexicon = (word: string) => number | undefined;

const FUNCTION_WORDS: ReadonlySet<string> = new Set(functionWords);

interface Slot { token: Token; weight: number; negator: string | null }

/** Rule-layer weight for each token: contrast and concession first, then "!" intensity. */
function clauseWeights(tokens: Token[]): number[] {
  const weights = tokens.map(() => 1);
  const pivot = tokens.findIndex((t) => t.kind === 'word' && CONTRAST_AFTER.has(t.norm));
  if (pivot >= 0) for (let i = 0; i < tokens.length; i++) weights[i] = i < pivot ? CONCESSION_WEIGHT : EMPHASIS_WEIGHT;
  // A concessive clause runs from its marker to the next break, whichever side of the main clause it is on.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.kind !== 'word' || !CONCESSIVE.has(t.norm)) continue;
    for (let j = i; j < tokens.length && tokens[j]?.kind !== 'break' && tokens[j]?.kind !== 'punct'; j++) {
      weights[j] = (weights[j] ?? 1) * CONCESSION_WEIGHT;
    }
  }
  let bangs = 0;
  for (const t of tokens) if (t.kind === 'punct') bangs += t.norm.split('!').length - 1;
  const lift = 1 + EXCLAMATION_STEP * Math.min(bangs, EXCLAMATION_MAX);
  return weights.map((w) => w * lift);
}

/** Attach negation scope and intensifier/caps boosts to each token. */
function slots(tokens: Token[]): Slot[] {
  const weights = clauseWeights(tokens);
  const out: Slot[] = [];
  let negator: string | null = null;
  let scope = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    let weight = weights[i] ?? 1;
    if (token.kind === 'break' || token.kind === 'punct' || (token.kind === 'word' && CONTRAST_AFTER.has(token.norm))) {
      negator = null; scope = 0;
    }
    const prev = tokens[i - 1];
    if (prev?.kind === 'word') weight *= INTENSIFIERS.get(prev.norm) ?? 1;
    if (token.caps) weight *= CAPS_WEIGHT;
    out.push({ token, weight, negator: scope > 0 ? negator : null });
    if (token.kind === 'word') {
      if (isNegator(token.norm)) { negator = token.raw.toLowerCase(); scope = NEGATION_SCOPE; }
      // Negation reaches over function words and intensifiers to the first content word, then stops:
      // "not really that good" negates "good", "not bad at all" does not negate "all".
      else if (scope > 0 && (--scope === 0 || !(FUNCTION_WORDS.has(token.norm) || INTENSIFIERS.has(token.norm)))) { negator = null; scope = 0; }
    }
  }
  return out;
}

export function extractFeatures(text: string, lexicon: Lexicon): Feature[] {
  const feats: Feature[] = [];
  const items = slots(tokenize(text));
  let prev: Slot | null = null;
  for (const slot of items) {
    const { token, weight, negator } = slot;
    if (token.kind === 'break') { prev = null; continue; }
    if (token.kind === 'punct') {
      if (token.norm.length > 1) feats.push({ key: `p:${token.norm.includes('?') ? '??' : '!!'}`, value: 1, term: token.norm });
      prev = null;
      continue;
    }
    if (token.kind === 'emoji') {
      const v = EMOJI_VALENCE.get(token.norm) ?? lexicon(token.norm);
      feats.push({ key: `e:${token.norm}`, value: weight, term: token.norm });
      if (v !== undefined) feats.push({ key: 'LEX', value: v * weight, term: token.norm });
      prev = null;
      continue;
    }
    const s = stem(token.norm);
    const term = negator ? `${negator} ${token.norm}` : token.norm;
    feats.push({ key: `${negator ? 'n' : 'u'}:${s}`, value: weight, term });
    const v = lexicon(token.norm);
    if (v !== undefined) feats.push({ key: negator ? 'LEX_NEG' : 'LEX', value: v * weight, term });
    if (prev) {
      const neg = prev.negator ? 'nb' : 'b';
      const words = `${prev.token.norm} ${token.norm}`;
      feats.push({ key: `${neg}:${stem(prev.token.norm)} ${s}`, value: weight, term: prev.negator ? `${prev.negator} ${words}` : words });
    }
    prev = slot;
  }
  return feats;
}

/**
 * Features of the opinion gate (does this comment express a feeling at all?): which phrases
 * occur, how much lexicon valence it carries regardless of sign, whether it asks something,
 * and its length. Questions, requests and factual reports have words but little valence.
 */
export function gateFeatures(text: string, feats: readonly Feature[]): Map<string, number> {
  const out = new Map<string, number>([['BIAS', 1]]);
  let valence = 0;
  let words = 0;
  for (const f of feats) {
    if (f.key === 'LEX' || f.key === 'LEX_NEG') { valence += Math.abs(f.value); continue; }
    if (f.key.startsWith('u:') || f.key.startsWith('n:')) words++;
    out.set(f.key, 1);
  }
  out.set('G:VALENCE', Math.min(3, valence));
  out.set('G:LENGTH', Math.min(2, Math.log2(1 + words) / 4));
  if (text.includes('?')) out.set('G:QUESTION', 1);
  return out;
}
