// Which themes a comment mentions, clause by clause. A word counts for a theme when it is one of
// the theme's keywords (by stem, phrases included) or, for topic words, when its vector is close
// to one of them ("suitcase" → Luggage). Opinion words ("rude", "great") only count exactly:
// their vectors sit near every other opinion word, whatever it is about.
import { tokenize, STOPWORDS } from './tokenize.js';
import { isNegator } from './lexicon.js';
import { defaultModel } from './model.js';
import { cosine, partOfSpeech, wordRank, wordVector } from './vectors.js';
import { CODEFRAME_THEMES } from './codeframe.js';

export interface MatchableTheme { key: string; keywords: readonly string[] }

/** A word of a comment and what it counts for. */
export interface Hit { theme: number; keyword: string; weight: number; /** The comment's own words that matched. */ word: string }
export interface ClauseHits { text: string; hits: Hit[] }

/** A content word's vector must be at least this close to a keyword's to count for its theme. */
export const SIMILAR = 0.65;
/** A comment that matched nothing gets a second, looser reading, at a lower weight. */
const RELAXED = 0.6;
const MAX_N = 3;
// Catch-all themes ("Overall experience", "Nothing to improve") should win only when a comment
// names nothing more specific.
const FALLBACK_WEIGHT: ReadonlyMap<string, number> = new Map([['overall-experience', 0.35], ['nothing-to-improve', 0.6]]);
const CODEFRAME_KEYS = new Set(CODEFRAME_THEMES.map((t) => t.key));
export const isCodeframeKey = (key: string): boolean => CODEFRAME_KEYS.has(key);
export const themeWeight = (key: string): number => FALLBACK_WEIGHT.get(key) ?? 1;

const CONTRAST = new Set(['but', 'however', 'although', 'though', 'whereas', 'except', 'otherwise', 'unfortunately']);
const OPINION = 0.3;
export const isOpinion = (w: string): boolean => Math.abs(defaultModel().lexicon(w) ?? 0) >= OPINION;
export const isTopicWord = (w: string): boolean => w.length >= 3 && !STOPWORDS.has(w) && !isNegator(w) && !/\d/.test(w) && !isOpinion(w);
/**
 * Only nouns that are not among the most common words are matched by meaning: "night",
 * "times" and "away" sit near "hours", "first time" and "leave" without being about them.
 */
const COMMON = 1000;
/** Too generic to act on, whatever the corpus: never matched by meaning, never a theme's name. */
export const GENERIC: ReadonlySet<string> = new Set([
  'service', 'services', 'product', 'products', 'account', 'people', 'person', 'time', 'times', 'issue', 'issues', 'problem',
  'problems', 'thing', 'things', 'company', 'business', 'customer', 'customers', 'experience', 'everyone', 'guys', 'guy',
  'point', 'right', 'work', 'fly', 'min', 'mins', 'way', 'lot', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years',
  'hour', 'hours', 'minute', 'minutes', 'second', 'seconds', 'today', 'morning', 'night', 'evening', 'weekend',
  'home', 'stuff', 'question', 'questions', 'reason', 'kind', 'part', 'end', 'side', 'number', 'name', 'place', 'job', 'hand',
  'anything', 'everything', 'someone', 'world', 'life', 'case', 'fact', 'idea', 'area', 'level', 'bit', 'matter', 'sort', 'type',
  'option', 'site', 'app', 'team', 'staff', 'money', 'system', 'process', 'hospital', 'flight', 'flights', 'airline',
  'bank', 'card', 'store', 'shop', 'restaurant', 'hotel', 'phone', 'help', 'support', 'care', 'office', 'food', 'everybody',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twenty', 'hundred', 'thousand', 'dozen',
  'click', 'clicks', 'front', 'back', 'top', 'bottom', 'lot', 'lots', 'data', 'page', 'pages', 'step', 'steps',
  'user', 'users', 'member', 'members', 'family', 'friend', 'friends', 'husband', 'wife', 'mum', 'dad', 'son', 'daughter',
]);
const meaningCache = new Map<string, boolean>();
export const isMeaningWord = (w: string): boolean => {
  let hit = meaningCache.get(w);
  if (hit === undefined) {
    const pos = partOfSpeech(w);
    hit = isTopicWord(w) && !GENERIC.has(w) && (pos === 'n' || pos === '-') && (wordRank(w) ?? 0) >= COMMON;
    if (meaningCache.size > 100_000) meaningCache.clear();
    meaningCache.set(w, hit);
  }
  return hit;
};

/**
 * Plural and possessive folded, nothing more: Porter's stems would make "helpful" match "help"
 * and "customisation" match "customer". The codeframe lists the other forms it means.
 */
export const lightStem = (w: string): string =>
  w.length <= 3 ? w : w.endsWith('ies') ? `${w.slice(0, -3)}y` : /(?:ss|us|is)$/.test(w) ? w : w.endsWith('s') ? w.slice(0, -1) : w;

/** A comment cut into clauses at sentence punctuation and contrast words, each as words and as text. */
export interface Clause { text: string; words: string[]; surface: string[]; /** `words` plural-folded, for keyword matching. */ stems: string[] }
// Discovery and assignment read every comment several times; a bounded memo spares the tokenizer.
const clauseCache = new Map<string, Clause[]>();
export function clausesOf(text: string): Clause[] {
  let hit = clauseCache.get(text);
  if (!hit) {
    if (clauseCache.size > 20_000) clauseCache.clear();
    hit = splitClauses(text);
    clauseCache.set(text, hit);
  }
  return hit;
}

function splitClauses(text: string): Clause[] {
  type Open = { words: string[]; surface: string[]; raw: string[] };
  const out: Open[] = [{ words: [], surface: [], raw: [] }];
  for (const t of tokenize(text)) {
    const cur = out[out.length - 1] as Open;
    const cut = t.kind === 'punct' || (t.kind === 'break' && t.norm !== ',' ) || (t.kind === 'word' && CONTRAST.has(t.norm));
    if (t.kind === 'word' && !CONTRAST.has(t.norm)) { cur.words.push(t.norm.replace(/'s$/, '')); cur.surface.push(t.raw.replace(/['’]s$/, '')); cur.raw.push(t.raw); }
    else if (t.kind !== 'break' || t.norm === ',') cur.raw.push(t.raw);
    if (cut && cur.words.length > 0) out.push({ words: [], surface: [], raw: [] });
  }
  return out.filter((c) => c.words.length > 0).map((c) => ({ text: c.raw.join(' '), words: c.words, surface: c.surface, stems: c.words.map(lightStem) }));
}

interface Matcher {
  exact: Map<string, Omit<Hit, 'word'>[]>;
  /** Every key that begins a longer keyword ("customer" of "customer service"): n-grams stop where none does. */
  prefixes: Set<string>;
  vectors: { theme: number; keyword: string; vector: Float32Array }[];
  similar: Map<string, Hit | null>;
}
const matchers = new WeakMap<readonly MatchableTheme[], Matcher>();

function matcherOf(themes: readonly MatchableTheme[]): Matcher {
  let m = matchers.get(themes);
  if (m) return m;
  m = { exact: new Map(), prefixes: new Set(), vectors: [], similar: new Map() };
  const seenVector = new Set<string>();
  themes.forEach((theme, t) => theme.keywords.forEach((keyword, rank) => {
    const words = clausesOf(keyword).flatMap((c) => c.words);
    if (words.length === 0) return;
    const stems = words.map(lightStem);
    const key = stems.join(' ');
    for (let n = 1; n < stems.length; n++) m!.prefixes.add(stems.slice(0, n).join(' '));
    // Earlier keywords are the more characteristic; phrases are more specific than words.
    const weight = themeWeight(theme.key) * (1 + 0.5 * (words.length - 1)) / (1 + 0.02 * rank);
    const list = m!.exact.get(key) ?? [];
    if (!list.some((h) => h.theme === t)) list.push({ theme: t, keyword, weight });
    m!.exact.set(key, list);
    // Phrases match by their words; their averaged vectors drift towards their generic half ("set up").
    if (words.length > 1 || !isTopicWord(words[0] as string) || seenVector.has(`${t}:${key}`)) return;
    const vector = wordVector(words[0] as string);
    if (vector) { m!.vectors.push({ theme: t, keyword, vector }); seenVector.add(`${t}:${key}`); }
  }));
  matchers.set(themes, m);
  return m;
}

/** The theme a topic word is closest to by meaning, if close enough. */
function similarHit(word: string, m: Matcher, themes: readonly MatchableTheme[], relaxed = false): Hit | null {
  const cacheKey = relaxed ? `~${word}` : word;
  let hit = m.similar.get(cacheKey);
  if (hit !== undefined) return hit;
  hit = null;
  const v = wordVector(word);
  if (v) {
    let best = relaxed ? RELAXED : SIMILAR;
    for (const k of m.vectors) {
      const s = cosine(v, k.vector);
      if (s > best) { best = s; hit = { theme: k.theme, keyword: k.keyword, weight: 0.8 * s * themeWeight(themes[k.theme]?.key ?? ''), word }; }
    }
  }
  if (m.similar.size > 200_000) m.similar.clear();
  m.similar.set(cacheKey, hit);
  return hit;
}

/**
 * Every keyword hit of every clause: exact n-gram hits first, then topic words that matched no
 * keyword exactly but are close to one by meaning.
 */
export function matchClauses(text: string, themes: readonly MatchableTheme[]): ClauseHits[] {
  const m = matcherOf(themes);
  const clauses = clausesOf(text);
  const out = clauses.map(({ text: clause, words, stems }) => {
    const hits: Hit[] = [];
    const covered = new Set<number>();
    for (let i = 0; i < stems.length; i++) {
      let key = '';
      for (let n = 0; n < MAX_N && i + n < stems.length; n++) {
        key = n === 0 ? (stems[i] as string) : `${key} ${stems[i + n] as string}`;
        const found = m.exact.get(key);
        if (found) {
          const word = words.slice(i, i + n + 1).join(' ');
          for (const f of found) hits.push({ ...f, word });
          for (let j = i; j <= i + n; j++) covered.add(j);
        }
        if (!m.prefixes.has(key)) break;
      }
    }
    words.forEach((w, i) => {
      if (covered.has(i) || !isMeaningWord(w)) return;
      const hit = similarHit(w, m, themes);
      if (hit) hits.push(hit);
    });
    return { text: clause, hits };
  });
  if (out.some((c) => c.hits.length > 0)) return out;
  clauses.forEach(({ words }, ci) => {
    for (const w of words) {
      if (!isTopicWord(w) || GENERIC.has(w) || !'n-j'.includes(partOfSpeech(w))) continue;
      const hit = similarHit(w, m, themes, true);
      if (hit) (out[ci] as ClauseHits).hits.push({ ...hit, weight: hit.weight * 0.5 });
    }
  });
  return out;
}

/** Per theme: its score over the comment (each keyword once), the keywords and the clauses that matched. */
export function scoreThemes(clauses: readonly ClauseHits[]): Map<number, { score: number; keywords: string[]; clauses: number[] }> {
  const out = new Map<number, { score: number; keywords: string[]; clauses: number[] }>();
  clauses.forEach((c, ci) => {
    for (const h of c.hits) {
      const s = out.get(h.theme) ?? { score: 0, keywords: [], clauses: [] };
      if (!s.keywords.includes(h.keyword)) { s.keywords.push(h.keyword); s.score += h.weight; }
      if (!s.clauses.includes(ci)) s.clauses.push(ci);
      out.set(h.theme, s);
    }
  });
  return out;
}
