// The learning curve of themes taught by tagged examples: micro-F1 on held-out comments after
// k confirmed examples per theme, through the same assignThemes path a workspace uses.
import { assignThemes, trainThemeModel, type ThemeDefinition } from '../server/analysis/index.js';
import { hashUnit, loadLearningSets } from './text-data.js';

export interface LearningRow { set: string; model: string; themes: number; perTheme: number; examples: number; test: number; microF1: number; precision: number; recall: number; trainMs: number }

const SIZES = [5, 10, 25, 50];
const MAX_THEMES = 15;

export function learningCurve(): LearningRow[] {
  const rows: LearningRow[] = [];
  for (const set of loadLearningSets()) {
    const counts = new Map<string, number>();
    for (const t of set.train) for (const l of t.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    // A fixed, hash-chosen subset of labels with enough training examples.
    const labels = [...counts].filter(([, n]) => n >= Math.max(...SIZES)).map(([l]) => l).sort((a, b) => hashUnit(a) - hashUnit(b)).slice(0, MAX_THEMES);
    const test = set.test.map((t) => ({ ...t, labels: t.labels.filter((l) => labels.includes(l)) })).filter((t) => t.labels.length > 0);
    const shuffled = [...set.train].sort((a, b) => hashUnit(a.text) - hashUnit(b.text));
    const themes: ThemeDefinition[] = labels.map((l) => ({ key: l, label: l, keywords: [] }));
    for (const [modelName, vectors] of [['words + vectors', true], ['words only (baseline)', false]] as const) for (const k of SIZES) {
      // k examples per theme, each with every one of its labels, as a person tagging would leave them.
      const picked = new Set<(typeof shuffled)[number]>();
      for (const l of labels) for (const t of shuffled.filter((x) => x.labels.includes(l)).slice(0, k)) picked.add(t);
      const examples = [...picked].map((t) => ({ text: t.text, themes: t.labels.filter((l) => labels.includes(l)) }));
      const t0 = performance.now();
      const model = trainThemeModel(examples, { minExamples: 1, vectors });
      const trainMs = performance.now() - t0;
      let tp = 0, fp = 0, fn = 0;
      for (const t of test) {
        const pred = assignThemes(t.text, themes, { model }).map((m) => m.key);
        for (const p of pred) if (t.labels.includes(p)) tp++; else fp++;
        for (const l of t.labels) if (!pred.includes(l)) fn++;
      }
      rows.push({
        set: set.name, model: modelName, themes: labels.length, perTheme: k, examples: examples.length, test: test.length,
        microF1: (2 * tp) / (2 * tp + fp + fn), precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), trainMs: Math.round(trainMs),
      });
    }
  }
  return rows;
}
