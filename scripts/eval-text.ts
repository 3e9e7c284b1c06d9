// `npm run eval:text` — the text engine against natural's AFINN analyzer and VADER on data held
// out from training (see loadSentimentHeldOut / loadThemeSets in text-data.ts), plus theme
// quality against human labels. Prints a table and writes bench/text-eval.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { analyzeSentiment, discoverThemes, assignThemes, type SentimentLabel } from '../server/analysis/index.js';
import { loadSentimentHeldOut, loadThemeSets, loadComplaintTexts, type Polarity, type SentimentSet } from './text-data.js';
import { learningCurve } from './eval-learning.js';
import { existsSync, readFileSync } from 'node:fs';

const OUT = fileURLToPath(new URL('../bench/text-eval.json', import.meta.url));
/** The engine's figures before the codeframe (commit 456cc5e), kept to print before/after. */
const BEFORE = fileURLToPath(new URL('../bench/text-eval-before.json', import.meta.url));
const require = createRequire(import.meta.url);

type Classifier = (text: string) => SentimentLabel;
const toLabel = (x: number, band: number): SentimentLabel => (x > band ? 'positive' : x < -band ? 'negative' : 'neutral');

function afinn(): Classifier {
  const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as (
    new (lang: string, stemmer: null, type: string) => { getSentiment(words: string[]): number }
  );
  const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as { WordTokenizer: new () => { tokenize(s: string): string[] } };
  const analyzer = new SentimentAnalyzer('English', null, 'afinn');
  const tokenizer = new WordTokenizer();
  return (text) => toLabel(analyzer.getSentiment(tokenizer.tokenize(text.toLowerCase())) || 0, 0);
}

function vader(): Classifier {
  const { SentimentIntensityAnalyzer } = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };
  // ±0.05 is VADER's documented neutral band.
  return (text) => toLabel(SentimentIntensityAnalyzer.polarity_scores(text).compound, 0.05 - 1e-9);
}

const LABEL: Record<Polarity, SentimentLabel> = { [-1]: 'negative', 0: 'neutral', 1: 'positive' };

interface SentimentRow { set: string; domain: string; n: number; system: string; accuracy3: number | null; accuracy: number; macroF1: number; textsPerSecond: number }

/** F1 of one class, where a prediction of any other label (neutral included) is a miss. */
function f1(gold: SentimentLabel[], pred: SentimentLabel[], cls: SentimentLabel): number {
  let tp = 0, fp = 0, fn = 0;
  gold.forEach((g, i) => {
    const p = pred[i];
    if (p === cls && g === cls) tp++; else if (p === cls) fp++; else if (g === cls) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function scoreSet(set: SentimentSet, system: string, classify: Classifier): SentimentRow {
  const t0 = performance.now();
  const pred = set.items.map((i) => classify(i.text));
  const seconds = (performance.now() - t0) / 1000;
  const gold = set.items.map((i) => LABEL[i.polarity]);
  const complaintTask = set.name.startsWith('complaints');
  // Complaint sets have no positive class: the task is "is this comment negative?".
  const g2 = complaintTask ? gold.map((g) => (g === 'negative' ? 'negative' : 'positive')) : gold;
  const p2 = complaintTask ? pred.map((p) => (p === 'negative' ? 'negative' : 'positive')) : pred;
  const polar = g2.map((g, i) => [g, p2[i] as SentimentLabel] as const).filter(([g]) => g !== 'neutral');
  const hasNeutral = !complaintTask && gold.includes('neutral');
  return {
    set: set.name, domain: set.domain, n: set.items.length, system,
    accuracy3: hasNeutral ? gold.filter((g, i) => pred[i] === g).length / gold.length : null,
    accuracy: polar.filter(([g, p]) => g === p).length / polar.length,
    macroF1: (f1(polar.map((x) => x[0]), polar.map((x) => x[1]), 'positive') + f1(polar.map((x) => x[0]), polar.map((x) => x[1]), 'negative')) / 2,
    textsPerSecond: Math.round(set.items.length / seconds),
  };
}

/** NMI with arithmetic-mean normalisation (scikit-learn's default) and purity. */
function clusterScores(labels: string[], clusters: string[]): { nmi: number; purity: number } {
  const n = labels.length;
  const count = (xs: string[]): Map<string, number> => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const joint = count(labels.map((l, i) => `${l}\u0000${clusters[i]}`));
  const pl = count(labels);
  const pc = count(clusters);
  const entropy = (m: Map<string, number>): number => [...m.values()].reduce((s, c) => s - (c / n) * Math.log(c / n), 0);
  let mi = 0;
  for (const [key, c] of joint) {
    const [l = '', k = ''] = key.split('\u0000');
    mi += (c / n) * Math.log((c * n) / ((pl.get(l) ?? 1) * (pc.get(k) ?? 1)));
  }
  const h = (entropy(pl) + entropy(pc)) / 2;
  const best = new Map<string, Map<string, number>>();
  labels.forEach((l, i) => {
    const m = best.get(clusters[i] as string) ?? new Map<string, number>();
    best.set(clusters[i] as string, m.set(l, (m.get(l) ?? 0) + 1));
  });
  const purity = [...best.values()].reduce((s, m) => s + Math.max(...m.values()), 0) / n;
  return { nmi: h === 0 ? 0 : mi / h, purity };
}

interface ThemeRow { set: string; n: number; labels: number; themes: number; coverage: number; nmi: number; nmiCovered: number; purity: number; mappedF1?: number; textsPerSecond: number; sample: string[] }

function scoreThemes(name: string, items: { text: string; label: string }[]): ThemeRow {
  const t0 = performance.now();
  const texts = items.map((i) => i.text);
  const themes = discoverThemes(texts);
  const first = texts.map((t) => assignThemes(t, themes)[0]?.key ?? '(none)');
  const seconds = (performance.now() - t0) / 1000;
  const labels = items.map((i) => i.label);
  const covered = first.map((c, i) => [labels[i] as string, c] as const).filter(([, c]) => c !== '(none)');
  const all = clusterScores(labels, first);
  return {
    set: name, n: items.length, labels: new Set(labels).size, themes: themes.length,
    coverage: covered.length / items.length, nmi: all.nmi,
    nmiCovered: clusterScores(covered.map((x) => x[0]), covered.map((x) => x[1])).nmi, purity: all.purity,
    mappedF1: mappedF1(labels, texts.map((t) => assignThemes(t, themes).map((m) => m.key))),
    textsPerSecond: Math.round(items.length / seconds),
    sample: themes.slice(0, 10).map((t) => `${t.category ? `${t.category} › ` : ''}${t.label} [${t.keywords.slice(0, 4).join(', ')}]`),
  };
}

/**
 * Each discovered theme stands for the human label it co-occurs with most; micro-F1 of those
 * mapped predictions (every theme of a comment) against the one gold label.
 */
function mappedF1(labels: string[], predicted: string[][]): number {
  const co = new Map<string, Map<string, number>>();
  predicted.forEach((keys, i) => keys.forEach((k) => {
    const m = co.get(k) ?? new Map<string, number>();
    co.set(k, m.set(labels[i] as string, (m.get(labels[i] as string) ?? 0) + 1));
  }));
  const map = new Map([...co].map(([k, m]) => [k, [...m].sort((a, b) => b[1] - a[1])[0]?.[0]]));
  let tp = 0, fp = 0, fn = 0;
  predicted.forEach((keys, i) => {
    const mapped = new Set(keys.map((k) => map.get(k)));
    for (const l of mapped) if (l === labels[i]) tp++; else fp++;
    if (!mapped.has(labels[i])) fn++;
  });
  return (2 * tp) / (2 * tp + fp + fn || 1);
}

const pct = (x: number | null): string => (x === null ? '   —  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

function main(): void {
  const systems: [string, Classifier][] = [
    ['chorus', (t) => analyzeSentiment(t).label], ['afinn (natural)', afinn()], ['vader', vader()],
  ];
  const sentiment: SentimentRow[] = [];
  console.log('Sentiment on held-out sets (macro-F1 = positive-vs-negative; neutral predictions count as misses)');
  console.log('set                 domain               n     system            acc3    acc(pos/neg)  macro-F1   texts/s');
  for (const set of loadSentimentHeldOut()) {
    for (const [name, classify] of systems) {
      const r = scoreSet(set, name, classify);
      sentiment.push(r);
      console.log(`${r.set.padEnd(19)} ${r.domain.padEnd(20)} ${String(r.n).padStart(5)} ${name.padEnd(16)} ${pct(r.accuracy3)}  ${pct(r.accuracy)}       ${pct(r.macroF1)}  ${String(r.textsPerSecond).padStart(8)}`);
    }
  }
  console.log('\nThemes (first theme per comment vs human labels; uncovered comments form one "(none)" cluster)');
  console.log('set                          n   labels themes coverage   NMI   NMI(covered) purity  mapped-F1  texts/s');
  const themes: ThemeRow[] = [];
  for (const set of [...loadThemeSets(), { name: 'complaints-test (no labels)', items: loadComplaintTexts().map((text) => ({ text, label: '?' })) }]) {
    const r = scoreThemes(set.name, set.items);
    themes.push(r);
    console.log(`${r.set.padEnd(27)} ${String(r.n).padStart(5)} ${String(r.labels).padStart(6)} ${String(r.themes).padStart(6)}  ${pct(r.coverage)}  ${r.nmi.toFixed(3)}  ${r.nmiCovered.toFixed(3)}       ${r.purity.toFixed(3)}   ${(r.mappedF1 ?? 0).toFixed(3)}  ${String(r.textsPerSecond).padStart(7)}`);
    console.log(`    ${r.sample.join(' | ')}`);
  }
  console.log('\nLearning from tagged examples (micro-F1 on held-out comments, k confirmed examples per theme)');
  console.log('set                       model                  themes   k  examples  test   micro-F1  precision  recall  train ms');
  const learning = learningCurve();
  for (const r of learning) {
    console.log(`${r.set.padEnd(25)} ${r.model.padEnd(22)} ${String(r.themes).padStart(6)} ${String(r.perTheme).padStart(3)} ${String(r.examples).padStart(9)} ${String(r.test).padStart(5)}   ${r.microF1.toFixed(3)}     ${r.precision.toFixed(3)}      ${r.recall.toFixed(3)}  ${String(r.trainMs).padStart(8)}`);
  }
  if (existsSync(BEFORE)) printBeforeAfter(JSON.parse(readFileSync(BEFORE, 'utf8')) as { sentiment: SentimentRow[]; themes: ThemeRow[] }, sentiment, themes);
  mkdirSync(fileURLToPath(new URL('../bench/', import.meta.url)), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({
    generatedBy: 'npm run eval:text',
    heldOut: 'sst2 test.tsv, UCI amazon_cells, app_reviews_vu_itunes, SemEval-15 hotels, sentiment140 manual test, complaints tweets with hash < 0.3; theme sets are unsupervised (never trained on)',
    sentiment, themes, learning,
  }, null, 2)}\n`);
  console.log(`\nwrote ${OUT}`);
}

function printBeforeAfter(before: { sentiment: SentimentRow[]; themes: ThemeRow[] }, sentiment: SentimentRow[], themes: ThemeRow[]): void {
  console.log('\nBefore (keyword clusters, commit 456cc5e) → after (codeframe + word vectors), chorus only');
  console.log('set                         acc3 before → after   macro-F1 before → after');
  for (const r of sentiment.filter((x) => x.system === 'chorus')) {
    const b = before.sentiment.find((x) => x.set === r.set && x.system === 'chorus');
    if (b) console.log(`${r.set.padEnd(27)} ${pct(b.accuracy3)} → ${pct(r.accuracy3)}      ${pct(b.macroF1)} → ${pct(r.macroF1)}`);
  }
  console.log('set                         NMI before → after   coverage before → after   themes before → after');
  for (const r of themes) {
    const b = before.themes.find((x) => x.set === r.set);
    if (b) console.log(`${r.set.padEnd(27)} ${b.nmi.toFixed(3)} → ${r.nmi.toFixed(3)}        ${pct(b.coverage)} → ${pct(r.coverage)}         ${String(b.themes).padStart(3)} → ${r.themes}`);
  }
}

main();
