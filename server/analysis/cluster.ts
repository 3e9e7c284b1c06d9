// Spherical k-means over sparse, L2-normalised TF-IDF vectors: cosine similarity is the right
// distance for short texts, and k-means is linear in the corpus, which the CLI's 5k/s needs.

export interface SparseVector { idx: Int32Array; val: Float64Array }

/** A deterministic generator so the same corpus always yields the same themes. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const dot = (v: SparseVector, c: Float64Array): number => {
  let s = 0;
  for (let j = 0; j < v.idx.length; j++) s += (v.val[j] as number) * (c[v.idx[j] as number] as number);
  return s;
};

/** k-means++ seeding on 1 − cosine, so seeds land in different topics. */
function seed(vectors: SparseVector[], k: number, dim: number, rand: () => number): Float64Array[] {
  const centroids: Float64Array[] = [];
  const dist = new Float64Array(vectors.length).fill(1);
  const addCentroid = (v: SparseVector): void => {
    const c = new Float64Array(dim);
    for (let j = 0; j < v.idx.length; j++) c[v.idx[j] as number] = v.val[j] as number;
    centroids.push(c);
    for (let i = 0; i < vectors.length; i++) dist[i] = Math.min(dist[i] as number, 1 - dot(vectors[i] as SparseVector, c));
  };
  addCentroid(vectors[Math.floor(rand() * vectors.length)] as SparseVector);
  while (centroids.length < k) {
    let total = 0;
    for (const d of dist) total += d * d;
    if (total <= 1e-12) break;
    let r = rand() * total;
    let pick = 0;
    for (; pick < vectors.length - 1; pick++) { r -= (dist[pick] as number) ** 2; if (r <= 0) break; }
    addCentroid(vectors[pick] as SparseVector);
  }
  return centroids;
}

/** Index of the most similar centroid, or -1 for an empty vector. */
export function nearest(v: SparseVector, centroids: readonly Float64Array[]): number {
  if (v.idx.length === 0) return -1;
  let best = -1;
  let bestSim = 0;
  for (let c = 0; c < centroids.length; c++) {
    const sim = dot(v, centroids[c] as Float64Array);
    if (sim > bestSim) { bestSim = sim; best = c; }
  }
  return best;
}

export function kmeans(vectors: SparseVector[], k: number, dim: number, iterations = 12): Float64Array[] {
  if (vectors.length === 0 || k <= 0) return [];
  let centroids = seed(vectors, Math.min(k, vectors.length), dim, lcg(42));
  for (let it = 0; it < iterations; it++) {
    const sums = centroids.map(() => new Float64Array(dim));
    let moved = 0;
    for (const v of vectors) {
      const c = nearest(v, centroids);
      if (c < 0) continue;
      const sum = sums[c] as Float64Array;
      for (let j = 0; j < v.idx.length; j++) sum[v.idx[j] as number] = (sum[v.idx[j] as number] as number) + (v.val[j] as number);
    }
    centroids = sums.map((sum, c) => {
      let norm = 0;
      for (const x of sum) norm += x * x;
      if (norm === 0) return centroids[c] as Float64Array; // an empty cluster keeps its seed
      norm = Math.sqrt(norm);
      for (let i = 0; i < dim; i++) sum[i] = (sum[i] as number) / norm;
      moved += 1;
      return sum;
    });
    if (moved === 0) break;
  }
  return centroids;
}
