// Theme discovery: cluster comments on TF-IDF over key phrases, describe each cluster by the
// phrases that are both common in it and specific to it, merge clusters that describe the same
// thing, and keep each theme's keywords broad enough that most of its comments match one.
import { docTerms, matchKeys, keywordKey, readablePhrase, type DocTerms } from './theme-terms.js';
import { kmeans, nearest, type SparseVector } from './cluster.js';
import { scoreLearned, type ThemeModel } from './learned.js';

/**
 * A theme: `key` is a stable slug, `keywords` are phrases as a person would type them,
 * `category` the codeframe's first level ("Support"), `verbatims` up to 3 representative comments.
 */
export interface ThemeDefinition { key: string; label: string; keywords: string[]; category?: string; verbatims?: string[] }
/**
 * A theme found in one comment; `keywords` are the ones that matched it, `sentiment` is the
 * aspect sentiment in [-1, 1] of the clauses that mention it, `confidence` in [0, 1], and
 * `source` says whether keywords, a learned classifier or a person put it there.
 */
export interface ThemeMatch {
  key: string; label: string; keywords: string[];
  category?: string; sentiment?: number; confidence?: number; source?: 'keywords' | 'learned' | 'manual';
}
export interface DiscoverOptions { maxThemes?: number }

const DEFAULT_MAX_THEMES = 30;
const FIT_SAMPLE = 6000;
const MAX_KEYWORDS = 15;
const TARGET_COVERAGE = 0.9;
const MIN_PRECISION = 0.2;
/** Phrases are more specific than words, so they weigh more in clustering and matching. */
const phraseBoost = (key: string): number => 1 + 0.5 * (key.split(' ').length - 1);

interface Cluster { members: number[] }

export const slugify = (label: string): string =>
  label.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'theme';

/** Keywords for one cluster: first the most characteristic phrases, then a greedy cover of the rest. */
function describe(cluster: Cluster, docs: DocTerms[], df: Map<string, number>): { keys: string[]; scores: Map<string, number> } {
  const inCluster = new Map<string, number>();
  for (const m of cluster.members) for (const k of (docs[m] as DocTerms).candidates) if (df.has(k)) inCluster.set(k, (inCluster.get(k) ?? 0) + 1);
  const size = cluster.members.length;
  const scores = new Map<string, number>();
  for (const [k, n] of inCluster) {
    const precision = n / (df.get(k) ?? n);
    if (n >= 2 && precision >= MIN_PRECISION) scores.set(k, (n / size) * precision * phraseBoost(k));
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const keys = ranked.slice(0, 5);
  // Which members hold each ranked phrase, built once: the greedy cover below asks it often.
  const holders = new Map<string, number[]>(ranked.map((k) => [k, []]));
  for (const m of cluster.members) for (const k of (docs[m] as DocTerms).candidates) holders.get(k)?.push(m);
  const covered = new Set<number>();
  for (const k of keys) for (const m of holders.get(k) ?? []) covered.add(m);
  while (keys.length < MAX_KEYWORDS && covered.size < TARGET_COVERAGE * size) {
    let best: string | undefined;
    let bestGain = 0;
    for (const k of ranked) {
      if (keys.includes(k)) continue;
      let gain = 0;
      for (const m of holders.get(k) ?? []) if (!covered.has(m)) gain++;
      const value = gain * (inCluster.get(k) ?? 0) / (df.get(k) ?? 1);
      if (value > bestGain) { bestGain = value; best = k; }
    }
    if (!best) break;
    keys.push(best);
    for (const m of holders.get(best) ?? []) covered.add(m);
  }
  return { keys, scores };
}

/**
 * A readable label: among the phrases nearly as typical as the best one, those that read as a
 * topic (a noun phrase, not a name, verb or fragment), then the best multi-word phrase unless a
 * single word is far more typical.
 */
function labelKey(keys: string[], scores: Map<string, number>, readable: (key: string) => boolean): string | undefined {
  const top = keys[0];
  if (!top) return undefined;
  const floor = 0.3 * (scores.get(top) ?? 0);
  const readableKeys = keys.filter(readable);
  const strong = readableKeys.filter((k) => (scores.get(k) ?? 0) >= floor);
  // A weaker readable keyword still beats an unreadable best one; only if none reads well does the best stay.
  const candidates = strong.length > 0 ? strong : readableKeys.length > 0 ? readableKeys.slice(0, 1) : keys;
  const best = candidates[0] ?? top;
  const phrase = candidates.find((k) => k.includes(' ') && (scores.get(k) ?? 0) >= 0.75 * (scores.get(best) ?? 0));
  return phrase ?? best;
}

/** The longest run of words inside a key that reads as a topic, leftmost first. */
function readableSpan(key: string, readable: (key: string) => boolean): string | undefined {
  const stems = key.split(' ');
  for (let len = stems.length - 1; len >= 1; len--) {
    for (let start = 0; start + len <= stems.length; start++) {
      const sub = stems.slice(start, start + len).join(' ');
      if (readable(sub)) return sub;
    }
  }
  return undefined;
}

/** A key reads as a topic when its usual surface form does and, as one word, it is not a name (never written in lower case). */
function readableKey(key: string, docs: DocTerms[], members: number[]): boolean {
  const words = mostCommonSurface(key, docs, members).split(' ');
  if (!readablePhrase(words)) return false;
  if (words.length > 1) return true;
  const word = words[0] as string;
  let capital = 0;
  for (const m of members) {
    const d = docs[m] as DocTerms;
    if (d.lowercase.has(word)) return true;
    if (d.capitalised.has(word)) capital++;
  }
  return capital === 0;
}

function mostCommonSurface(key: string, docs: DocTerms[], members: number[]): string {
  const counts = new Map<string, number>();
  for (const m of members) {
    const s = (docs[m] as DocTerms).surface.get(key);
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? key;
}

const stemsOf = (key: string): Set<string> => new Set(key.split(' '));
const jaccard = (a: string[], b: string[]): number => {
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  return inter / (sa.size + b.length - inter || 1);
};

/**
 * Discover themes across a corpus of comments.
 *
 * @example
 * discoverThemes(comments, { maxThemes: 20 })
 * // → [{ key: 'card-payment', label: 'card payment', keywords: ['card payment', 'payment', 'declined'] }, …]
 */
export function discoverThemes(comments: readonly string[], options: DiscoverOptions = {}): ThemeDefinition[] {
  const maxThemes = Math.max(1, options.maxThemes ?? DEFAULT_MAX_THEMES);
  const docs = comments.map(docTerms);
  const n = docs.filter((d) => d.candidates.length > 0).length;
  if (n < 2) return [];
  const rawDf = new Map<string, number>();
  for (const d of docs) for (const k of d.candidates) rawDf.set(k, (rawDf.get(k) ?? 0) + 1);
  // Too rare to be a theme, or so common it says nothing ("app", "bank" in their own corpora).
  const minDf = Math.max(2, Math.ceil(n * 0.002));
  const maxDf = Math.max(3, n * (n < 50 ? 0.5 : 0.2));
  const df = new Map([...rawDf].filter(([, c]) => c >= minDf && c <= maxDf));
  const vocab = [...df.keys()];
  const index = new Map(vocab.map((k, i) => [k, i]));
  const vectors: SparseVector[] = docs.map((d) => {
    const pairs = d.candidates.flatMap((k) => {
      const i = index.get(k);
      return i === undefined ? [] : [[i, Math.log(n / (df.get(k) ?? 1)) * phraseBoost(k)] as const];
    });
    const norm = Math.sqrt(pairs.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return { idx: Int32Array.from(pairs.map((p) => p[0])), val: Float64Array.from(pairs.map((p) => p[1] / norm)) };
  });
  const k = Math.min(maxThemes, Math.max(2, Math.round(Math.sqrt(n / 2))));
  const nonEmpty = vectors.filter((v) => v.idx.length > 0);
  const stride = Math.max(1, Math.floor(nonEmpty.length / FIT_SAMPLE));
  const centroids = kmeans(nonEmpty.filter((_, i) => i % stride === 0), k, vocab.length);

  let clusters: Cluster[] = centroids.map(() => ({ members: [] }));
  vectors.forEach((v, i) => { const c = nearest(v, centroids); if (c >= 0) clusters[c]?.members.push(i); });
  clusters = clusters.filter((c) => c.members.length >= minDf);

  type Described = Cluster & { keys: string[]; label: string };
  const describeAll = (cs: Cluster[]): Described[] => cs.flatMap((c) => {
    const { keys, scores } = describe(c, docs, df);
    const readable = (k: string): boolean => readableKey(k, docs, c.members);
    let label = labelKey(keys, scores, readable);
    // No keyword reads as a topic: use the longest part of the best one that does ("email took seconds" → "email").
    if (label && !readable(label)) label = readableSpan(label, readable) ?? label;
    return label ? [{ ...c, keys, label }] : [];
  });
  let described = describeAll(clusters);
  // Merge clusters that name the same thing: one label inside the other, or mostly shared keywords.
  for (let merged = true; merged;) {
    merged = false;
    outer: for (let a = 0; a < described.length; a++) {
      for (let b = a + 1; b < described.length; b++) {
        const A = described[a] as Described;
        const B = described[b] as Described;
        const sa = stemsOf(A.label);
        const sb = stemsOf(B.label);
        const nested = [...sa].every((s) => sb.has(s)) || [...sb].every((s) => sa.has(s));
        if (nested || jaccard(A.keys, B.keys) >= 0.4) {
          const [combined] = describeAll([{ members: [...A.members, ...B.members] }]);
          described = described.filter((_, i) => i !== a && i !== b);
          if (combined) described.push(combined);
          merged = true;
          break outer;
        }
      }
    }
  }

  const used = new Set<string>();
  return described
    .sort((a, b) => b.members.length - a.members.length)
    .map((c) => {
      const label = mostCommonSurface(c.label, docs, c.members);
      let key = slugify(label);
      for (let i = 2; used.has(key); i++) key = `${slugify(label)}-${i}`;
      used.add(key);
      const keywords = [c.label, ...c.keys.filter((x) => x !== c.label)].map((x) => mostCommonSurface(x, docs, c.members));
      return { key, label, keywords };
    });
}

interface ThemeIndex { byKey: Map<string, { theme: number; keyword: string; weight: number }[]> }
const indexCache = new WeakMap<readonly ThemeDefinition[], ThemeIndex>();

function themeIndex(themes: readonly ThemeDefinition[]): ThemeIndex {
  let idx = indexCache.get(themes);
  if (idx) return idx;
  idx = { byKey: new Map() };
  themes.forEach((theme, t) => theme.keywords.forEach((keyword, rank) => {
    const key = keywordKey(keyword);
    if (!key) return;
    // Earlier keywords are more characteristic of the theme; phrases are more specific than words.
    const weight = phraseBoost(key) / (1 + 0.1 * rank);
    const list = idx?.byKey.get(key) ?? [];
    list.push({ theme: t, keyword, weight });
    idx?.byKey.set(key, list);
  }));
  indexCache.set(themes, idx);
  return idx;
}

/** Share of the best theme's score another theme needs to be reported as well. */
const SECONDARY = 0.75;
const MAX_MATCHES = 3;

/**
 * The themes a comment belongs to, best first, each with the keywords that matched.
 *
 * @example
 * assignThemes('My refund still has not arrived', themes)
 * // → [{ key: 'refund', label: 'refund', keywords: ['refund'] }]
 */
export interface AssignOptions {
  /** The workspace's learned themes (trainThemeModel); a theme it is confident of is matched too. */
  model?: ThemeModel;
}

/** P(theme) a learned classifier needs before it adds a theme on its own. */
const LEARNED_THRESHOLD = 0.5;

export function assignThemes(text: string, themes: readonly ThemeDefinition[], options: AssignOptions = {}): ThemeMatch[] {
  const byKeywords = keywordThemes(text, themes);
  if (!options.model || options.model.themes.length === 0 || !text.trim()) return byKeywords;
  const out = [...byKeywords];
  for (const [key, p] of [...scoreLearned(text, options.model)].sort((a, b) => b[1] - a[1])) {
    if (p < LEARNED_THRESHOLD || out.some((m) => m.key === key)) continue;
    const theme = themes.find((t) => t.key === key);
    out.push({ key, label: theme?.label ?? key, keywords: [], ...(theme?.category ? { category: theme.category } : {}), confidence: Math.round(p * 1000) / 1000, source: 'learned' });
  }
  return out;
}

function keywordThemes(text: string, themes: readonly ThemeDefinition[]): ThemeMatch[] {
  if (themes.length === 0 || !text.trim()) return [];
  const { byKey } = themeIndex(themes);
  const scores = new Map<number, { score: number; keywords: string[] }>();
  for (const key of matchKeys(text)) {
    for (const hit of byKey.get(key) ?? []) {
      const s = scores.get(hit.theme) ?? { score: 0, keywords: [] };
      s.score += hit.weight;
      if (!s.keywords.includes(hit.keyword)) s.keywords.push(hit.keyword);
      scores.set(hit.theme, s);
    }
  }
  const ranked = [...scores].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
  const best = ranked[0]?.[1].score ?? 0;
  return ranked
    .filter(([, s]) => s.score >= SECONDARY * best)
    .slice(0, MAX_MATCHES)
    .map(([t, s]) => {
      const theme = themes[t] as ThemeDefinition;
      return { key: theme.key, label: theme.label, keywords: s.keywords };
    });
}
