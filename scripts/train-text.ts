// Trains the sentiment model checked in at server/analysis/model/sentiment-model.json.
// `npm run train:text` — deterministic, ~1 minute on one core. Reads only the training sets of
// scripts/text-data.ts; the held-out sets used by eval-text.ts are never touched here.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { extractFeatures, gateFeatures } from '../server/analysis/features.js';
import { lexiconFrom, loadModel, type SentimentModelFile } from '../server/analysis/model.js';
import { analyzeSentiment } from '../server/analysis/sentiment.js';
import { hashUnit, loadSentimentTrain, type Polarity } from './text-data.js';

const OUT = fileURLToPath(new URL('../server/analysis/model/sentiment-model.json', import.meta.url));
const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const L2 = arg('l2', 4e-4);
const EPOCHS = arg('epochs', 12);
const MAX_FEATURES = arg('features', 10000);
const GATE_FEATURES = arg('gate-features', 4000);
const GATE_L2 = arg('gate-l2', 1e-3);
/**
 * Score = (P(pos) − P(neg)) · P(opinion)^gamma. At 1 that is the expected value of the label on
 * {−1, 0, 1} when polarity and opinion are read independently, so it is fixed, not tuned.
 */
const GATE_GAMMA = arg('gate-gamma', 1);
const MIN_DF = arg('min-df', 2);
/** No set may dominate: a set counts as at most this many examples. */
const SET_CAP = arg('set-cap', 4000);
/** Neutral examples' total weight relative to each polar class. */
const NEUTRAL_SHARE = arg('neutral-share', 0.6);
/** Model selection: `--validate=<set>` fits without that training set and reports on it (no file is written). */
const VALIDATE = process.argv.find((a) => a.startsWith('--validate='))?.split('=')[1];

/** VADER's lexicon (MIT) as priors on [-1, 1]; multi-word entries cannot match a token. */
function vaderLexicon(): Map<string, number> {
  const require = createRequire(import.meta.url);
  const path = require.resolve('vader-sentiment/vader_lexicon.txt');
  const table = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [word, mean] = line.split('\t');
    const v = Number(mean) / 4;
    if (word && !word.includes(' ') && Math.abs(v) >= 0.1) table.set(word, Math.max(-1, Math.min(1, v)));
  }
  return table;
}

interface Doc { idx: Int32Array; val: Float64Array; y: number; w: number; polarity: Polarity; set: string; text: string }

function seededShuffle<T>(arr: T[], seed: number): void {
  let s = seed >>> 0;
  for (let i = arr.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [arr[i], arr[j]] = [arr[j] as T, arr[i] as T];
  }
}

function main(): void {
  const t0 = Date.now();
  const lexTable = vaderLexicon();
  const lexicon = lexiconFrom(lexTable);
  const sets = loadSentimentTrain();
  const raw: { keys: Map<string, number>; gate: Map<string, number>; polarity: Polarity; set: string; text: string; weight: number; calib: boolean }[] = [];
  for (const set of sets) {
    const perItem = Math.min(1, SET_CAP / set.items.length);
    for (const item of set.items) {
      const keys = new Map<string, number>();
      const feats = extractFeatures(item.text, lexicon);
      for (const f of feats) keys.set(f.key, (keys.get(f.key) ?? 0) + f.value);
      raw.push({ keys, gate: gateFeatures(item.text, feats), polarity: item.polarity, set: set.name, text: item.text, weight: perItem, calib: VALIDATE ? set.name === VALIDATE : hashUnit(`calib:${item.text}`) < 0.1 });
    }
  }
  // Vocabulary from the fitting split only, so calibration scores are honest.
  const df = new Map<string, number>();
  for (const r of raw) if (!r.calib) for (const k of r.keys.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const vocab = [...df].filter(([k, n]) => n >= MIN_DF || k.startsWith('LEX')).map(([k]) => k);
  const index = new Map(vocab.map((k, i) => [k, i]));

  // Balance the classes so the model has no prior: an empty comment must score 0.
  const classWeight = new Map<Polarity, number>();
  for (const r of raw) if (!r.calib) classWeight.set(r.polarity, (classWeight.get(r.polarity) ?? 0) + r.weight);
  const polarTotal = ((classWeight.get(1) ?? 0) + (classWeight.get(-1) ?? 0)) / 2;
  const scaleFor = (p: Polarity): number => (p === 0 ? NEUTRAL_SHARE : 1) * polarTotal / (classWeight.get(p) ?? 1);

  const toDoc = (r: (typeof raw)[number]): Doc => {
    const pairs = [...r.keys].flatMap(([k, v]) => { const i = index.get(k); return i === undefined ? [] : [[i, v] as const]; });
    return {
      idx: Int32Array.from(pairs.map((p) => p[0])), val: Float64Array.from(pairs.map((p) => p[1])),
      y: (r.polarity + 1) / 2, w: r.weight * scaleFor(r.polarity), polarity: r.polarity, set: r.set, text: r.text,
    };
  };
  const fit = raw.filter((r) => !r.calib).map(toDoc);
  const calib = raw.filter((r) => r.calib);
  console.error(`docs: fit ${fit.length}, calib ${calib.length}; features ${vocab.length}`);

  const w = fitLogistic(fit, vocab, df, L2, 'polarity');

  // The opinion gate: polar (either sign) versus neutral, classes balanced, over its own features.
  const gdf = new Map<string, number>();
  for (const r of raw) if (!r.calib) for (const k of r.gate.keys()) gdf.set(k, (gdf.get(k) ?? 0) + 1);
  const gvocab = [...gdf].filter(([k, n]) => n >= MIN_DF * 2 || !k.includes(':') || k.startsWith('G:')).map(([k]) => k);
  const gindex = new Map(gvocab.map((k, i) => [k, i]));
  const gClass = [0, 0];
  for (const r of raw) if (!r.calib) gClass[r.polarity === 0 ? 0 : 1] = (gClass[r.polarity === 0 ? 0 : 1] ?? 0) + r.weight;
  const gateDocs: Doc[] = raw.filter((r) => !r.calib).map((r) => {
    const pairs = [...r.gate].flatMap(([k, v]) => { const i = gindex.get(k); return i === undefined ? [] : [[i, v] as const]; });
    const opinion = r.polarity === 0 ? 0 : 1;
    return {
      idx: Int32Array.from(pairs.map((p) => p[0])), val: Float64Array.from(pairs.map((p) => p[1])),
      y: opinion, w: r.weight / (gClass[opinion] as number), polarity: r.polarity, set: r.set, text: r.text,
    };
  });
  // Structural features are in every document; exempt them from the 1/df L2 scaling's shrinkage.
  const gw = fitLogistic(gateDocs, gvocab, new Map([...gdf].map(([k, n]) => [k, k.includes(':') && !k.startsWith('G:') ? n : 1])), GATE_L2, 'gate');
  const gateKept = gvocab.map((k, i) => [k, gw[i] as number] as const)
    .filter(([k, x]) => Math.abs(x) >= 0.02 || !k.includes(':'))
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, GATE_FEATURES)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));

  // Keep the strongest features, rounded: that is what keeps the artefact small.
  const kept = vocab.map((k, i) => [k, w[i] as number] as const)
    .filter(([, x]) => Math.abs(x) >= 0.02)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, MAX_FEATURES)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const lexLines = [...lexTable].filter(([, v]) => Math.abs(v) >= 0.1).map(([k, v]) => `${k}\t${Math.round(v * 100) / 100}`);
  const file: SentimentModelFile = {
    version: 2,
    neutralBand: 0,
    lexicon: lexLines.join('\n'),
    weights: kept.map(([k, x]) => `${k}\t${Math.round(x * 1000) / 1000}`).join('\n'),
    gate: gateKept.map(([k, x]) => `${k}\t${Math.round(x * 1000) / 1000}`).join('\n'),
    gateGamma: GATE_GAMMA,
  };
  file.neutralBand = calibrateBand(file, calib);
  if (VALIDATE) return;
  writeFileSync(OUT, `${JSON.stringify(file)}\n`);
  console.error(`kept ${kept.length} features + ${gateKept.length} gate features, neutral band ${file.neutralBand}, gate gamma ${file.gateGamma}; wrote ${OUT} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Logistic regression without bias unless a BIAS feature is given, AdaGrad, L2 on touched weights scaled by 1/df. */
function fitLogistic(docs: Doc[], vocab: string[], df: Map<string, number>, l2: number, name: string): Float64Array {
  const w = new Float64Array(vocab.length);
  const g2 = new Float64Array(vocab.length).fill(1e-8);
  const meanW = docs.reduce((s, d) => s + d.w, 0) / docs.length;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    seededShuffle(docs, 17 + epoch);
    let loss = 0;
    for (const d of docs) {
      let z = 0;
      for (let j = 0; j < d.idx.length; j++) z += (w[d.idx[j] as number] as number) * (d.val[j] as number);
      const p = 1 / (1 + Math.exp(-z));
      loss -= (d.w / meanW) * (d.y * Math.log(p + 1e-12) + (1 - d.y) * Math.log(1 - p + 1e-12));
      const err = (p - d.y) * (d.w / meanW);
      for (let j = 0; j < d.idx.length; j++) {
        const i = d.idx[j] as number;
        const g = err * (d.val[j] as number) + l2 * docs.length * (w[i] as number) / Math.max(1, df.get(vocab[i] as string) ?? 1);
        g2[i] = (g2[i] as number) + g * g;
        w[i] = (w[i] as number) - (0.2 * g) / Math.sqrt(g2[i] as number);
      }
    }
    if (epoch === EPOCHS - 1 || epoch % 4 === 0) console.error(`${name} epoch ${epoch + 1}: loss ${(loss / docs.length).toFixed(4)}`);
  }
  return w;
}

/**
 * The neutral band that maximises balanced accuracy (mean recall of negative, neutral and
 * positive) on the calibration split, each training set weighing the same: the class mix of a
 * customer's comments is unknown, so no class and no domain may dominate.
 */
function calibrateBand(file: SentimentModelFile, calib: { text: string; polarity: Polarity; set: string }[]): number {
  const setSize = new Map<string, number>();
  for (const c of calib) setSize.set(c.set, (setSize.get(c.set) ?? 0) + 1);
  const model = loadModel({ ...file, neutralBand: 0 });
  const scored = calib.map((c) => ({ s: analyzeSentiment(c.text, model).score, p: c.polarity, w: 1 / (setSize.get(c.set) ?? 1) }));
  let best = { band: 0, recall: -1 };
  for (let band = 0; band <= 0.6; band += 0.01) {
    const hits = new Map<Polarity, [number, number]>();
    for (const { s, p, w } of scored) {
      const pred: Polarity = s >= band ? 1 : s <= -band ? -1 : 0;
      const h = hits.get(p) ?? [0, 0];
      hits.set(p, [h[0] + (pred === p ? w : 0), h[1] + w]);
    }
    const recall = [...hits.values()].reduce((sum, [a, n]) => sum + a / n, 0) / hits.size;
    if (recall > best.recall + 1e-9) best = { band: Math.round(band * 100) / 100, recall };
  }
  const polar = scored.filter((x) => x.p !== 0);
  const signAcc = polar.filter((x) => (x.s >= 0 ? 1 : -1) === x.p).length / polar.length;
  console.error(`calibration: ${calib.length} items, polar sign accuracy ${signAcc.toFixed(3)}, best balanced accuracy ${best.recall.toFixed(3)} at band ${best.band}`);
  return best.band;
}

main();
