// The phrases a comment can be about. Discovery uses only content-word n-grams (so a theme is
// never "the" or "i was"); matching uses every n-gram so a pinned keyword like "top up" still
// matches though "up" is a stop word. Both key phrases by their stems: "refunds" = "refund".
import { ngrams } from 'natural/lib/natural/ngrams/ngrams.js';
import { tokenize, stem, STOPWORDS } from './tokenize.js';
import { isNegator } from './lexicon.js';
import { defaultModel } from './model.js';

export interface DocTerms {
  /** Distinct stemmed content n-grams (1–3 words), candidates for theme keywords. */
  candidates: string[];
  /** Surface form seen for each candidate, for readable labels. */
  surface: Map<string, string>;
}

const MAX_N = 3;
// Opinion words ("love", "rude", "wonderful") say how people feel, not what about: they would
// pull praise of food and praise of staff into one "wonderful" theme.
// Inside a phrase they may stay: "customer care", "free trial", "rude staff" are topics.
const OPINION = 0.45;
const isOpinion = (w: string): boolean => Math.abs(defaultModel().lexicon(w) ?? 0) >= OPINION;
const isContent = (w: string): boolean => w.length >= 3 && !STOPWORDS.has(w) && !isNegator(w) && !/^\d+$/.test(w);

/** Runs of consecutive words, cut at punctuation and emoji. */
function clauses(text: string): string[][] {
  const runs: string[][] = [[]];
  for (const t of tokenize(text)) {
    if (t.kind === 'word') runs[runs.length - 1]?.push(t.norm.replace(/'s$/, ''));
    else runs.push([]);
  }
  return runs.filter((r) => r.length > 0);
}

export function docTerms(text: string): DocTerms {
  const surface = new Map<string, string>();
  for (const clause of clauses(text)) {
    // Content words only: a stop word splits a phrase, so "card payment" but never "payment of".
    let run: string[] = [];
    const flush = (): void => {
      for (let n = 1; n <= Math.min(MAX_N, run.length); n++) {
        for (const gram of ngrams(run, n)) {
          if (gram.every(isOpinion)) continue;
          const key = gram.map(stem).join(' ');
          if (!surface.has(key)) surface.set(key, gram.join(' '));
        }
      }
      run = [];
    };
    for (const w of clause) {
      if (isContent(w)) run.push(w); else flush();
    }
    flush();
  }
  return { candidates: [...surface.keys()], surface };
}

/** Every stemmed 1–3-gram of the text, stop words included, for matching keywords. */
export function matchKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const clause of clauses(text)) {
    const stems = clause.map(stem);
    for (let i = 0; i < stems.length; i++) {
      let key = '';
      for (let n = 0; n < MAX_N && i + n < stems.length; n++) {
        key = n === 0 ? (stems[i] as string) : `${key} ${stems[i + n] as string}`;
        keys.add(key);
      }
    }
  }
  return keys;
}

/** The match key of a keyword or label as a person typed it ("Refunds" → "refund"). */
export function keywordKey(keyword: string): string {
  return clauses(keyword).flat().map(stem).join(' ');
}
