// Themes learned from the CX team's tags: one small logistic model per theme over the same
// stemmed n-gram features that keyword matching uses, trained in-process on whatever runtime
// holds the tags. Plain JSON, so a workspace's model is stored and reloaded as is.
import { matchKeys } from './theme-terms.js';

/** A comment and the theme keys a person confirmed on it. */
export interface TaggedExample { text: string; themes: string[] }

/** One theme's classifier: bias and feature weights (feature = stemmed 1–3-gram). */
export interface LearnedTheme { key: string; examples: number; bias: number; weights: Record<string, number> }
/** A workspace's learned themes, serialisable as JSON. */
export interface ThemeModel { version: 1; themes: LearnedTheme[] }

/** Fewer confirmed examples than this and a theme is not learned yet. */
export const MIN_EXAMPLES = 10;

/**
 * Trains (or, given `previous`, warm-starts) one classifier per theme with at least
 * `minExamples` confirmed examples; other tagged comments are its negatives.
 *
 * @example
 * const model = trainThemeModel([{ text: 'Refund took weeks', themes: ['refunds'] }, …]);
 * assignThemes('Still waiting for my money back', themes, { model });
 */
export function trainThemeModel(examples: readonly TaggedExample[], options: { minExamples?: number; previous?: ThemeModel } = {}): ThemeModel {
  const minExamples = options.minExamples ?? MIN_EXAMPLES;
  const feats = examples.map((e) => [...matchKeys(e.text)]);
  const counts = new Map<string, number>();
  for (const e of examples) for (const k of new Set(e.themes)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const learned: LearnedTheme[] = [];
  for (const [key, n] of counts) {
    if (n < minExamples) continue;
    const prev = options.previous?.themes.find((t) => t.key === key);
    const w = new Map<string, number>(Object.entries(prev?.weights ?? {}));
    let bias = prev?.bias ?? 0;
    const y = examples.map((e) => (e.themes.includes(key) ? 1 : 0));
    // Balanced classes: positives are few, and a model that never says yes is useless here.
    const pos = y.filter(Boolean).length;
    const wPos = examples.length / (2 * Math.max(1, pos));
    const wNeg = examples.length / (2 * Math.max(1, examples.length - pos));
    const lr = 0.5;
    const l2 = 1e-3;
    for (let epoch = 0; epoch < 30; epoch++) {
      feats.forEach((f, i) => {
        let z = bias;
        for (const k of f) z += w.get(k) ?? 0;
        const p = 1 / (1 + Math.exp(-z));
        const g = (p - (y[i] as number)) * (y[i] ? wPos : wNeg) * lr / Math.sqrt(f.length || 1);
        bias -= g;
        for (const k of f) w.set(k, (w.get(k) ?? 0) * (1 - l2) - g);
      });
    }
    const weights: Record<string, number> = {};
    for (const [k, v] of w) if (Math.abs(v) >= 1e-3) weights[k] = Math.round(v * 1e4) / 1e4;
    learned.push({ key, examples: n, bias, weights });
  }
  return { version: 1, themes: learned };
}

/** P(theme) for each learned theme on one comment. */
export function scoreLearned(text: string, model: ThemeModel): Map<string, number> {
  const f = matchKeys(text);
  const out = new Map<string, number>();
  for (const t of model.themes) {
    let z = t.bias;
    for (const k of f) z += t.weights[k] ?? 0;
    out.set(t.key, 1 / (1 + Math.exp(-z)));
  }
  return out;
}
