// `npm run eval:text` — the text engine against natural's AFINN analyzer and VADER on data held
// out from training (see loadSentimentHeldOut / loadThemeSets in text-data.ts), plus theme
// quality against human labels. Prints a table and writes bench/text-eval.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { analyzeSentiment, discoverThemes, assignThemes, type SentimentLabel } from '../server/analysis/index.js';
import { loadSentimentHeldOut, loadThemeSets, loadComplaintTexts, type Polarity, type SentimentSet } from './text-data.js';

const OUT = fileURLToPath(new URL('../bench/text-eval.json', import.meta.url));
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

interface ThemeRow { set: string; n: number; labels: number; themes: number; coverage: number; nmi: number; nmiCovered: number; purity: number; textsPerSecond: number; sample: string[] }

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
    textsPerSecond: Math.round(items.length / seconds),
    sample: themes.slice(0, 8).map((t) => `${t.label} [${t.keywords.slice(0, 4).join(', ')}]`),
  };
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
  console.log('set                          n   labels themes coverage   NMI   NMI(covered) purity   texts/s');
  const themes: ThemeRow[] = [];
  for (const set of [...loadThemeSets(), { name: 'complaints-test (no labels)', items: loadComplaintTexts().map((text) => ({ text, label: '?' })) }]) {
    const r = scoreThemes(set.name, set.items);
    themes.push(r);
    console.log(`${r.set.padEnd(27)} ${String(r.n).padStart(5)} ${String(r.labels).padStart(6)} ${String(r.themes).padStart(6)}  ${pct(r.coverage)}  ${r.nmi.toFixed(3)}  ${r.nmiCovered.toFixed(3)}       ${r.purity.toFixed(3)}  ${String(r.textsPerSecond).padStart(7)}`);
    console.log(`    ${r.sample.join(' | ')}`);
  }
  mkdirSync(fileURLToPath(new URL('../bench/', import.meta.url)), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify({
    generatedBy: 'npm run eval:text',
    heldOut: 'sst2 test.tsv, UCI amazon_cells, app_reviews_vu_itunes, SemEval-15 hotels, sentiment140 manual test, complaints tweets with hash < 0.3; theme sets are unsupervised (never trained on)',
    sentiment, themes,
  }, null, 2)}\n`);
  console.log(`\nwrote ${OUT}`);
}

main();
