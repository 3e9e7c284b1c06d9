// Themes as a CX analyst's codeframe: comments are first read against the built-in codeframe
// (codeframe.ts), by keyword and by meaning; what it does not cover is grouped by meaning into
// new themes named by their most common noun; a new group close to a codeframe theme is
// snapped to it, so labels are the same across workspaces and stable as comments arrive.
import { CODEFRAME, CODEFRAME_THEMES } from './codeframe.js';
import { clausesOf, GENERIC, isTopicWord, matchClauses, scoreThemes, themeWeight, type ClauseHits } from './theme-match.js';
import { centroid, cosine, partOfSpeech, wordVector } from './vectors.js';
import { analyzeSentiment } from './sentiment.js';
import { scoreLearned } from './learned.js';
import type { ThemeMatch, ThemeModel } from '../contracts/analysis.js';

export type { ThemeMatch } from '../contracts/analysis.js';

/**
 * A theme: `key` is a stable slug, `keywords` are phrases as a person would type them,
 * `category` the codeframe's first level ("Support"), `verbatims` up to 3 representative comments.
 */
export interface ThemeDefinition { key: string; label: string; keywords: string[]; category?: string; verbatims?: string[] }
export interface DiscoverOptions { maxThemes?: number }

const DEFAULT_MAX_THEMES = 30;
const MAX_KEYWORDS = 40;
/** A new group of words this close to a codeframe theme is that theme. */
const SNAP = 0.6;
/** Words this close join one group ("bag", "luggage", "suitcase"). */
const GROUP = 0.6;
/** Share of the best theme's score another theme needs to be reported as well. */
const SECONDARY = 0.5;
const MAX_MATCHES = 4;

export const slugify = (label: string): string =>
  label.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'theme';

const sentenceCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const FRAME: readonly ThemeDefinition[] = CODEFRAME_THEMES.map((t) => ({ key: t.key, label: t.label, category: t.category, keywords: t.seeds }));
let frameVectors: (Float32Array | undefined)[] | undefined;
const frameVector = (i: number): Float32Array | undefined => {
  frameVectors ??= FRAME.map((t) => centroid(t.keywords.filter((k) => !k.includes(' ') && isTopicWord(k)).map(wordVector).filter((v): v is Float32Array => v !== undefined)));
  return frameVectors[i];
};
const categoryVectors = (): { label: string; vector: Float32Array | undefined }[] =>
  CODEFRAME.map((c) => ({ label: c.label, vector: centroid(FRAME.flatMap((t, i) => (t.category === c.label ? [frameVector(i)] : [])).filter((v): v is Float32Array => v !== undefined)) }));

/** A word that can name a topic: a common noun, not a name, a verb, an adverb or a generic word. */
const nameable = (w: string): boolean => {
  const pos = partOfSpeech(w);
  return isTopicWord(w) && !GENERIC.has(w) && (pos === 'n' || (pos === '-' && !/(?:ed|ing|ly)$/.test(w)));
};

/** `head`: the first term as this corpus most often writes it ("ATM", "wifi"). */
interface Group { terms: string[]; head: string; vector: Float32Array; comments: Set<number> }

/** Groups the nouns of the comments no codeframe theme covers, most frequent first. */
function groupUncovered(comments: readonly string[], uncovered: readonly number[], minDf: number): Group[] {
  const df = new Map<string, Set<number>>();
  // How each word is written: a word seldom written in lower case is a name ("Sarah", "Macbook").
  const forms = new Map<string, Map<string, number>>();
  for (const i of uncovered) {
    for (const c of clausesOf(comments[i] as string)) c.words.forEach((w, j) => {
      if (!nameable(w) || !wordVector(w)) return;
      df.set(w, (df.get(w) ?? new Set<number>()).add(i));
      const f = forms.get(w) ?? new Map<string, number>();
      const raw = c.surface[j] as string;
      forms.set(w, f.set(raw, (f.get(raw) ?? 0) + 1));
    });
  }
  for (const [w, f] of forms) {
    const total = [...f.values()].reduce((s, x) => s + x, 0);
    if ((f.get(w) ?? 0) < 0.3 * total && !f.has(w.toUpperCase())) df.delete(w);
  }
  const written = (w: string): string => [...(forms.get(w) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? w;
  const terms = [...df].filter(([, s]) => s.size >= minDf).sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1));
  const groups: Group[] = [];
  for (const [term, docs] of terms) {
    const v = wordVector(term) as Float32Array;
    let best: Group | undefined;
    let bestSim = GROUP;
    for (const g of groups) {
      const s = cosine(v, g.vector);
      if (s > bestSim) { bestSim = s; best = g; }
    }
    if (best) {
      best.terms.push(term);
      for (const d of docs) best.comments.add(d);
    } else groups.push({ terms: [term], head: written(term), vector: v, comments: new Set(docs) });
  }
  return groups.filter((g) => g.comments.size >= minDf);
}

/**
 * Discover themes across a corpus of comments: the codeframe themes it talks about, widened by
 * the words it uses for them, plus new themes for what the codeframe does not cover.
 *
 * @example
 * discoverThemes(comments, { maxThemes: 20 })
 * // → [{ key: 'waiting-times', label: 'Waiting times', category: 'Waiting', keywords: ['wait', 'queue', 'hours', …], verbatims: […] }, …]
 */
export function discoverThemes(comments: readonly string[], options: DiscoverOptions = {}): ThemeDefinition[] {
  const maxThemes = Math.max(1, options.maxThemes ?? DEFAULT_MAX_THEMES);
  const n = comments.filter((c) => c.trim()).length;
  if (n < 2) return [];
  const minDf = Math.max(2, Math.ceil(n * 0.005));
  // Pass 1: the codeframe, and the words this corpus uses for each of its themes.
  const found = new Map<number, { comments: Set<number>; words: Map<string, number> }>();
  const uncovered: number[] = [];
  /** Each comment's best theme, for picking verbatims. */
  const primary = new Map<number, { key: string; score: number }>();
  comments.forEach((text, i) => {
    const clauses = matchClauses(text, FRAME);
    const scored = scoreThemes(clauses);
    for (const [t, sc] of scored) if (sc.score > (primary.get(i)?.score ?? 0)) primary.set(i, { key: (FRAME[t] as ThemeDefinition).key, score: sc.score });
    if (![...scored.keys()].some((t) => themeWeight((FRAME[t] as ThemeDefinition).key) === 1)) uncovered.push(i);
    for (const c of clauses) for (const h of c.hits) {
      const f = found.get(h.theme) ?? { comments: new Set<number>(), words: new Map<string, number>() };
      f.comments.add(i);
      f.words.set(h.word, (f.words.get(h.word) ?? 0) + 1);
      found.set(h.theme, f);
    }
  });
  // Pass 2: what the codeframe missed, grouped by meaning; close groups snap to a codeframe theme.
  const extra = new Map<number, string[]>();
  const fresh: { label: string; category: string; keywords: string[]; size: number }[] = [];
  const categories = categoryVectors();
  for (const g of groupUncovered(comments, uncovered, minDf)) {
    let snap = -1;
    let best = SNAP;
    FRAME.forEach((_, t) => {
      const fv = frameVector(t);
      const s = fv ? cosine(g.vector, fv) : 0;
      if (s > best) { best = s; snap = t; }
    });
    if (snap >= 0) {
      extra.set(snap, [...(extra.get(snap) ?? []), ...g.terms]);
      for (const c of g.comments) if (!primary.has(c)) primary.set(c, { key: (FRAME[snap] as ThemeDefinition).key, score: 0.5 });
      const f = found.get(snap) ?? { comments: new Set<number>(), words: new Map<string, number>() };
      for (const c of g.comments) f.comments.add(c);
      found.set(snap, f);
      continue;
    }
    let category = 'Other';
    let catBest = 0.45;
    for (const c of categories) {
      const s = c.vector ? cosine(g.vector, c.vector) : 0;
      if (s > catBest) { catBest = s; category = c.label; }
    }
    const head = g.head;
    const label = head === head.toUpperCase() ? head : sentenceCase(head.toLowerCase());
    for (const c of g.comments) if (!primary.has(c)) primary.set(c, { key: slugify(label), score: 0.5 });
    fresh.push({ label, category, keywords: g.terms.slice(0, MAX_KEYWORDS), size: g.comments.size });
  }
  const themes: (ThemeDefinition & { size: number })[] = [];
  // A codeframe theme is worth listing from its first mention; new groups need minDf to be more than noise.
  for (const [t, f] of found) {
    const frame = FRAME[t] as ThemeDefinition;
    const used = [...f.words].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    const keywords = [...new Set([...used, ...(extra.get(t) ?? []), ...frame.keywords])].slice(0, MAX_KEYWORDS);
    themes.push({ key: frame.key, label: frame.label, category: frame.category as string, keywords, size: f.comments.size });
  }
  const taken = new Set(themes.map((t) => t.key));
  for (const f of fresh) {
    const key = slugify(f.label);
    if (taken.has(key)) continue;
    taken.add(key);
    themes.push({ key, label: f.label, category: f.category, keywords: f.keywords, size: f.size });
  }
  const chosen = themes.sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1)).slice(0, maxThemes).map(({ size: _size, ...t }) => t);
  return withVerbatims(comments, chosen, primary);
}

/** Up to 3 comments per theme that are clearly about it: it is their best theme, well matched, of a readable length. */
function withVerbatims(comments: readonly string[], themes: ThemeDefinition[], primary: ReadonlyMap<number, { key: string; score: number }>): ThemeDefinition[] {
  const picks = new Map<string, { text: string; rank: number }[]>();
  for (const [i, { key, score }] of primary) {
    const text = comments[i] as string;
    const len = text.trim().length;
    if (len < 20 || len > 280) continue;
    const list = picks.get(key) ?? [];
    if (list.some((p) => p.text === text)) continue;
    list.push({ text, rank: score - Math.abs(len - 110) / 400 });
    picks.set(key, list.sort((a, b) => b.rank - a.rank || (a.text < b.text ? -1 : 1)).slice(0, 3));
  }
  return themes.map((t) => ({ ...t, verbatims: (picks.get(t.key) ?? []).map((p) => p.text) }));
}

export interface AssignOptions {
  /** The workspace's learned themes (trainThemeModel); a theme it is confident of is matched too. */
  model?: ThemeModel;
}

/** P(theme) a learned classifier needs before it adds a theme on its own. */
const LEARNED_THRESHOLD = 0.35;
const round3 = (x: number): number => Math.round(x * 1000) / 1000 || 0;

/**
 * The themes a comment belongs to, best first, each with the keywords that matched, the
 * sentiment of the clauses that mention it and a confidence.
 *
 * @example
 * assignThemes('Support response time is way too slow, but Sarah was knowledgeable', themes)
 * // → [{ key: 'support-response-time', label: 'Support response time', sentiment: -0.6, … },
 * //    { key: 'staff-knowledge', label: 'Staff knowledge', sentiment: 0.7, … }]
 */
export function assignThemes(text: string, themes: readonly ThemeDefinition[], options: AssignOptions = {}): ThemeMatch[] {
  if (!text.trim()) return [];
  const clauses = themes.length > 0 ? matchClauses(text, themes) : [];
  const out = keywordThemes(text, clauses, themes);
  if (!options.model || options.model.themes.length === 0) return out;
  const learned = [...scoreLearned(text, options.model)].sort((a, b) => b[1] - a[1]);
  const top = learned[0]?.[1] ?? 0;
  for (const [key, p] of learned) {
    // Near-ties only: one-vs-rest models each say yes a little too easily.
    if (p < LEARNED_THRESHOLD || p < 0.85 * top) continue;
    const known = out.find((m) => m.key === key);
    if (known) { known.confidence = Math.max(known.confidence ?? 0, round3(p)); continue; }
    const theme = themes.find((t) => t.key === key);
    out.push({
      key, label: theme?.label ?? key, keywords: [], ...(theme?.category ? { category: theme.category } : {}),
      sentiment: analyzeSentiment(text).score, confidence: round3(p), source: 'learned',
    });
  }
  return out;
}

function keywordThemes(text: string, clauses: readonly ClauseHits[], themes: readonly ThemeDefinition[]): ThemeMatch[] {
  let ranked = [...scoreThemes(clauses)].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
  // A catch-all theme is reported only when nothing more specific is.
  const specific = ranked.filter(([t]) => themeWeight((themes[t] as ThemeDefinition).key) === 1);
  if (specific.length > 0) ranked = specific;
  const best = ranked[0]?.[1].score ?? 0;
  const whole = clauses.length > 1 ? undefined : analyzeSentiment(text).score;
  let overall = whole;
  return ranked
    .filter(([, s]) => s.score >= SECONDARY * best)
    .slice(0, MAX_MATCHES)
    .map(([t, s]) => {
      const theme = themes[t] as ThemeDefinition;
      // A clause with no feeling of its own ("Support sent me links") takes the comment's.
      const clauseScore = (ci: number): number => {
        const own = analyzeSentiment((clauses[ci] as ClauseHits).text).score;
        return Math.abs(own) >= 0.1 ? own : (overall ??= analyzeSentiment(text).score);
      };
      const sentiment = whole ?? s.clauses.reduce((sum, ci) => sum + clauseScore(ci), 0) / s.clauses.length;
      return {
        key: theme.key, label: theme.label, keywords: s.keywords, ...(theme.category ? { category: theme.category } : {}),
        sentiment: round3(sentiment), confidence: round3(1 - Math.exp(-1.5 * s.score)), source: 'keywords' as const,
      };
    });
}
