// The phrases a comment can be about. Discovery uses only content-word n-grams (so a theme is
// never "the" or "i was"); matching uses every n-gram so a pinned keyword like "top up" still
// matches though "up" is a stop word. Both key phrases by their stems: "refunds" = "refund".
import { tokenize, stem, STOPWORDS } from './tokenize.js';
import { isNegator } from './lexicon.js';
import { defaultModel } from './model.js';

export interface DocTerms {
  /** Distinct stemmed content n-grams (1–3 words), candidates for theme keywords. */
  candidates: string[];
  /** Surface form seen for each candidate, for readable labels. */
  surface: Map<string, string>;
  /** Words written Capitalised ("Sarah", "Google", or any word starting a sentence). */
  capitalised: Set<string>;
  /** Words written in lower case: a word never seen so is a name, not a topic. */
  lowercase: Set<string>;
}

const MAX_N = 3;
// Opinion words ("love", "rude", "wonderful") say how people feel, not what about: they would
// pull praise of food and praise of staff into one "wonderful" theme.
// Inside a phrase they may stay: "customer care", "free trial", "rude staff" are topics.
const OPINION = 0.45;
const opinionCache = new Map<string, boolean>();
function isOpinion(w: string): boolean {
  let hit = opinionCache.get(w);
  if (hit === undefined) {
    if (opinionCache.size > 100_000) opinionCache.clear();
    hit = Math.abs(defaultModel().lexicon(w) ?? 0) >= OPINION;
    opinionCache.set(w, hit);
  }
  return hit;
}
const isContent = (w: string): boolean => w.length >= 3 && !STOPWORDS.has(w) && !isNegator(w) && !/^\d+$/.test(w);

/** Runs of consecutive words, cut at punctuation and emoji. */
function clauses(text: string, cases?: { capitalised: Set<string>; lowercase: Set<string> }): string[][] {
  const runs: string[][] = [[]];
  for (const t of tokenize(text)) {
    if (t.kind === 'word') {
      const norm = t.norm.replace(/'s$/, '');
      runs[runs.length - 1]?.push(norm);
      if (cases) {
        if (t.raw === t.norm) cases.lowercase.add(norm);
        else if (/^\p{Lu}\p{Ll}/u.test(t.raw)) cases.capitalised.add(norm);
      }
    } else runs.push([]);
  }
  return runs.filter((r) => r.length > 0);
}

// What a theme label should not be: adverbs ("pleasantly surprised"), numbers ("took four"),
// and verbs in the past tense ("happened", "started docs"). English noun phrases end in a noun,
// so the last word also may not be a bare verb form.
const NUMBER_WORDS = new Set(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'first', 'second', 'third', 'last', 'next']);
const VERB_FORMS = new Set([
  'took', 'take', 'taken', 'went', 'gone', 'came', 'come', 'gave', 'given', 'sent', 'bought', 'found', 'felt', 'kept', 'left',
  'brought', 'began', 'begun', 'wrote', 'written', 'ran', 'seen', 'said', 'paid', 'made', 'done', 'did', 'does', 'doing',
  'happen', 'happens', 'recommend', 'recommended', 'love', 'loved', 'like', 'liked', 'hate', 'hated', 'wish', 'hope',
  'fixed', 'works', 'worked', 'started', 'stopped', 'waited', 'called', 'ask',
  'asked', 'says', 'feel', 'find', 'buy', 'pay', 'send', 'come', 'bring', 'enjoy', 'enjoyed', 'expect', 'expected',
  'suggest', 'received', 'receive', 'arrived', 'arrive', 'showed', 'allow', 'allowed', 'became', 'become', 'seemed',
  'far', 'enough', 'big', 'little', 'highly', 'overall', 'else', 'down', 'fast', 'slow', 'easy', 'hard',
  'less', 'more', 'quick', 'short', 'long', 'worth', 'halfway', 'within', 'knew', 'understood', 'lost', 'went', 'heard',
  // Common verbs with their -s, -ed and -ing forms ("trial needs", "form asks", "confirming").
  'smooth', 'clear', 'easy', 'confusing', 'expensive', 'cheap', 'seriously', 'inside', 'evaluate',
  ...['need', 'give', 'ask', 'keep', 'know', 'understand', 'hear', 'click', 'confirm', 'lose', 'require',
    'want', 'seem', 'get', 'go', 'tell', 'try', 'put', 'say', 'see', 'leave', 'respond',
    'explain', 'consider', 'mention', 'manage', 'cancel', 'reduce', 'solve', 'forget', 'remember',
  ].flatMap((v) => [v, `${v}s`, `${v.replace(/e$/, '')}ed`, `${v.replace(/e$/, '')}ing`]),
]);
/** Whether a phrase (surface words) reads as a topic: no opinion word, adverb, number or verb form in it. */
export function readablePhrase(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  for (const [i, w] of words.entries()) {
    // A mild opinion word may qualify a topic ("free trial", "nice touch") but not be one or
    // lead it strongly ("worst customer service" should read "customer service").
    const valence = Math.abs(defaultModel().lexicon(w) ?? 0);
    if (valence >= (i === words.length - 1 ? OPINION : 0.5) || NUMBER_WORDS.has(w) || /teen$/.test(w) || /^\d/.test(w) || VERB_FORMS.has(w) || (w.endsWith('ly') && w.length > 4 && !/(?:ply|ily|ally|supply|family|assembly|reply)$/.test(w))) return false;
  }
  const last = words[words.length - 1] as string;
  // Past participles as heads: "charged", "happened", "pleasantly surprised"; "-ed" adjectives
  // inside a phrase ("delayed flight", "advanced settings") are fine.
  return !(/ed$/.test(last) && !/(?:eed|[^e]ied)$/.test(last) && last.length > 4);
}

export function docTerms(text: string): DocTerms {
  const surface = new Map<string, string>();
  const cases = { capitalised: new Set<string>(), lowercase: new Set<string>() };
  for (const clause of clauses(text, cases)) {
    // Content words only: a stop word splits a phrase, so "card payment" but never "payment of".
    let run: string[] = [];
    const flush = (): void => {
      const stems = run.map(stem);
      for (let i = 0; i < run.length; i++) {
        let key = '';
        let words = '';
        let allOpinion = true;
        for (let n = 0; n < MAX_N && i + n < run.length; n++) {
          key = n === 0 ? (stems[i] as string) : `${key} ${stems[i + n] as string}`;
          words = n === 0 ? (run[i] as string) : `${words} ${run[i + n] as string}`;
          allOpinion &&= isOpinion(run[i + n] as string);
          if (!allOpinion && !surface.has(key)) surface.set(key, words);
        }
      }
      run = [];
    };
    for (const w of clause) {
      if (isContent(w)) run.push(w); else flush();
    }
    flush();
  }
  return { candidates: [...surface.keys()], surface, ...cases };
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
