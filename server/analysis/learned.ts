// Themes learned from the CX team's tags: one small logistic model per theme, trained in-process
// on whatever runtime holds the tags. Its features are the comment's words (light stems, and
// pairs of them) and the mean word vector of its topic words, so ten examples that say "queue"
// and "waited ages" also teach "took forever to be seen". Plain JSON, stored and reloaded as is.
import { clausesOf, isTopicWord, lightStem } from './theme-match.js';
import { wordVector } from './vectors.js';
import { STOPWORDS } from './tokenize.js';
import type { LearnedTheme, ThemeModel } from '../contracts/analysis.js';

export type { LearnedTheme, ThemeModel } from '../contracts/analysis.js';

/** A comment and the theme keys a person confirmed on it. */
export interface TaggedExample { text: string; themes: string[] }


/** Fewer confirmed examples than this and a theme is not learned yet. */
export const MIN_EXAMPLES = 10;
const EPOCHS = 60;
/** A warm start only adjusts: the full 60 passes on every new tag would overfit a little more each time. */
const WARM_EPOCHS = 10;
const DENSE_SCALE = 2;
/** How far above its prior a comment's logit must be for a learned theme to count at all. */
const EVIDENCE = 0.5;

interface Features { sparse: string[]; dense: Float32Array | undefined }

function featuresOf(text: string): Features {
  const sparse = new Set<string>();
  const vectors: Float32Array[] = [];
  for (const { words } of clausesOf(text)) {
    const content = words.filter((w) => !STOPWORDS.has(w) || w === 'not' || w === 'no');
    content.forEach((w, i) => {
      sparse.add(lightStem(w));
      if (i > 0) sparse.add(`${lightStem(content[i - 1] as string)} ${lightStem(w)}`);
    });
    for (const w of words) {
      const v = isTopicWord(w) ? wordVector(w) : undefined;
      if (v) vectors.push(v);
    }
  }
  let dense: Float32Array | undefined;
  if (vectors.length > 0) {
    dense = new Float32Array((vectors[0] as Float32Array).length);
    for (const v of vectors) for (let j = 0; j < v.length; j++) dense[j] = (dense[j] as number) + (v[j] as number) / vectors.length;
  }
  return { sparse: [...sparse], dense };
}

const logit = (t: Pick<LearnedTheme, 'bias' | 'weights' | 'dense'>, f: Features): number => {
  let z = t.bias;
  const scale = 1 / Math.sqrt(f.sparse.length || 1);
  for (const k of f.sparse) z += (t.weights[k] ?? 0) * scale;
  if (f.dense) for (let j = 0; j < f.dense.length; j++) z += (t.dense[j] ?? 0) * (f.dense[j] as number) * DENSE_SCALE;
  return z;
};

/**
 * Trains (or, given `previous`, warm-starts) one classifier per theme with at least
 * `minExamples` confirmed examples; the other tagged comments are its negatives.
 *
 * @example
 * const model = trainThemeModel([{ text: 'Refund took weeks', themes: ['refunds'] }, …]);
 * assignThemes('Still waiting for my money back', themes, { model });
 */
export interface TrainOptions {
  minExamples?: number;
  /** The last model: training starts from its weights and needs fewer passes. */
  previous?: ThemeModel;
  /**
   * Comments nobody tagged, as negatives for every theme at half weight: without them a
   * workspace that tagged one theme only has no negatives, and its model says yes to anything.
   */
  background?: readonly string[];
  /** false: words only, the baseline the evaluation compares with. */
  vectors?: boolean;
}

export function trainThemeModel(tagged: readonly TaggedExample[], options: TrainOptions = {}): ThemeModel {
  const minExamples = options.minExamples ?? MIN_EXAMPLES;
  const seen = new Set(tagged.map((e) => e.text));
  const examples = [...tagged, ...(options.background ?? []).filter((t) => !seen.has(t)).map((text) => ({ text, themes: [], background: true }))];
  const feats = examples.map((e) => featuresOf(e.text)).map((f) => (options.vectors === false ? { ...f, dense: undefined } : f));
  const counts = new Map<string, number>();
  for (const e of tagged) for (const k of new Set(e.themes)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const learned: LearnedTheme[] = [];
  for (const [key, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n < minExamples) continue;
    const prev = options.previous?.themes.find((t) => t.key === key);
    const model: LearnedTheme = { key, examples: n, bias: prev?.bias ?? 0, weights: { ...(prev?.weights ?? {}) }, dense: [...(prev?.dense ?? [])] };
    const y = examples.map((e) => (e.themes.includes(key) ? 1 : 0));
    const weight = examples.map((e) => ('background' in e ? 0.5 : 1));
    const negatives = weight.reduce((s, w, i) => s + (y[i] ? 0 : w), 0);
    // Balanced classes: positives are few, and a model that never says yes is useless here.
    const wPos = (n + negatives) / (2 * n);
    const wNeg = (n + negatives) / (2 * Math.max(1, negatives));
    const epochs = prev ? WARM_EPOCHS : EPOCHS;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const lr = 0.1 / (1 + epoch * 0.05);
      feats.forEach((f, i) => {
        const p = 1 / (1 + Math.exp(-logit(model, f)));
        const g = (p - (y[i] as number)) * (y[i] ? wPos : wNeg * (weight[i] as number)) * lr;
        model.bias -= g;
        const scale = 1 / Math.sqrt(f.sparse.length || 1);
        for (const k of f.sparse) model.weights[k] = (model.weights[k] ?? 0) * (1 - 1e-3) - g * scale;
        if (f.dense) for (let j = 0; j < f.dense.length; j++) model.dense[j] = (model.dense[j] ?? 0) * (1 - 1e-3) - g * (f.dense[j] as number) * DENSE_SCALE;
      });
    }
    const weights: Record<string, number> = {};
    for (const [k, v] of Object.entries(model.weights)) if (Math.abs(v) >= 1e-3) weights[k] = Math.round(v * 1e4) / 1e4;
    learned.push({ ...model, weights, bias: Math.round(model.bias * 1e4) / 1e4, dense: model.dense.map((v) => Math.round(v * 1e4) / 1e4) });
  }
  return { version: 2, themes: learned };
}

/**
 * P(theme) for each learned theme on one comment. A comment whose words and meaning say
 * nothing for a theme (its logit is no higher than the bias, the prior alone) gets 0: the
 * prior of a theme tagged often is not evidence that this comment is about it.
 */
export function scoreLearned(text: string, model: ThemeModel): Map<string, number> {
  const f = featuresOf(text);
  const out = new Map<string, number>();
  for (const t of model.themes) {
    const z = logit(t, f);
    out.set(t.key, z - t.bias > EVIDENCE ? 1 / (1 + Math.exp(-z)) : 0);
  }
  return out;
}
