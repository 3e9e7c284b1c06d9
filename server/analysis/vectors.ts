// Word vectors distilled by scripts/train-vectors.ts (GloVe-derived, int8, unit length after
// decoding), unpacked once per isolate on first use. They let themes group words by meaning:
// "luggage" and "baggage", "waiting" and "hours" share a theme though they share no letters.
import artefact from './model/word-vectors.json';

interface VectorFile { dims: number; words: string; pos: string; vectors: string }

interface Table { dims: number; index: Map<string, number>; data: Float32Array; pos: string }
let table: Table | undefined;

function decode(b64: string): Int8Array {
  const bin = atob(b64);
  const out = new Int8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) << 24 >> 24;
  return out;
}

function load(): Table {
  if (table) return table;
  const file = artefact as VectorFile;
  const words = file.words.split('\n');
  const raw = decode(file.vectors);
  const dims = file.dims;
  const data = new Float32Array(raw.length);
  for (let w = 0; w < words.length; w++) {
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += (raw[w * dims + j] as number) ** 2;
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let j = 0; j < dims; j++) data[w * dims + j] = (raw[w * dims + j] as number) * inv;
  }
  table = { dims, index: new Map(words.map((w, i) => [w, i])), data, pos: file.pos };
  return table;
}

/** A word's unit vector, or undefined when the word is not in the vocabulary. */
export function wordVector(word: string): Float32Array | undefined {
  const t = load();
  const i = t.index.get(word);
  return i === undefined ? undefined : t.data.subarray(i * t.dims, (i + 1) * t.dims);
}

/** Part of speech a word most likely has (natural's Brill lexicon): n, v, j, r, p (proper only), o, or - unknown. */
export function partOfSpeech(word: string): string {
  const t = load();
  const i = t.index.get(word);
  return i === undefined ? '-' : t.pos[i] ?? '-';
}

/** Frequency rank of a word in the vectors' source (0 = most frequent), or undefined. */
export const wordRank = (word: string): number | undefined => load().index.get(word);

export const cosine = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

/** The normalised mean of some unit vectors (a theme's or a phrase's direction). */
export function centroid(vectors: readonly Float32Array[]): Float32Array | undefined {
  const first = vectors[0];
  if (!first) return undefined;
  const out = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) out[i] = (out[i] as number) + (v[i] as number);
  let norm = 0;
  for (const x of out) norm += x * x;
  const inv = 1 / (Math.sqrt(norm) || 1);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * inv;
  return out;
}
