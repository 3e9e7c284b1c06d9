// One tokenizer for sentiment, themes and training, so a model never sees features that
// inference cannot produce. natural's RegexpTokenizer does the matching; the pattern keeps
// what carries sentiment in customer text (emoji, emoticons, "!!!", contractions).
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopwords } from 'natural/lib/natural/util/stopwords.js';

export type TokenKind = 'word' | 'emoji' | 'punct' | 'break';

export interface Token {
  kind: TokenKind;
  /** Lower-cased, elongations squeezed ("soooo" → "soo"); the symbol itself for emoji/punct. */
  norm: string;
  /** As written, for explanations and labels. */
  raw: string;
  /** Written in capitals (only meaningful when the whole text is not shouting). */
  caps: boolean;
}

// Bare domains too: tweets carry "pic.twitter.com/x", which would otherwise become themes.
const URL = String.raw`https?:\/\/\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|ly|co|uk|me)\b(?:\/\S*)?`;
const MENTION = String.raw`@\w+`;
const WORD = String.raw`#?[\p{L}\p{N}]+(?:['’][\p{L}]+)*`;
// Emoticons must not be glued to letters or digits, or "10:30" would read as ":3".
const EMOTICON = String.raw`(?:[:;=][-o^'’]?[()\[\]dDpP\/\\|*3$@oO]{1,3}|[()\[\]][-o^'’]?[:;=]|<\/?3)(?![\p{L}\p{N}])`;
const EMOJI = String.raw`\p{Extended_Pictographic}`;
const PUNCT = String.raw`[!?¡¿]+`;
const BREAK = String.raw`[.,;:…—–()\[\]"]+`;

const tokenizer = new RegexpTokenizer({
  pattern: new RegExp([URL, MENTION, EMOTICON, WORD, EMOJI, PUNCT, BREAK].join('|'), 'gu'),
  gaps: false,
});

const isUrlOrMention = /^(?:https?:|www\.|@)|\.(?:com|net|org|io|ly|co|uk|me)\b/i;
const isWord = /^#?[\p{L}\p{N}]/u;
const isEmoji = /^\p{Extended_Pictographic}$/u;
const isPunct = /^[!?¡¿]+$/;
const isEmoticon = new RegExp(`^(?:${EMOTICON})$`, 'u');
const hasLower = /\p{Ll}/u;
const upperWord = /^\p{Lu}[\p{Lu}'’]+$/u;

/** Squeeze runs of 3+ identical letters to 2 so "soooo goood" meets "soo good". */
export const squeeze = (w: string): string => w.replace(/(.)\1{2,}/gu, '$1$1');

// Normalising is the hot loop of the CLI (three regexes per token); words repeat, so memoise.
// The caps bound memory in a long-lived Worker isolate.
const CACHE_LIMIT = 100_000;
const wordCache = new Map<string, { norm: string; upper: boolean }>();
function normalizeWord(word: string): { norm: string; upper: boolean } {
  let hit = wordCache.get(word);
  if (!hit) {
    if (wordCache.size > CACHE_LIMIT) wordCache.clear();
    hit = { norm: squeeze(word.toLowerCase().replace(/’/g, "'")), upper: upperWord.test(word) };
    wordCache.set(word, hit);
  }
  return hit;
}

// Sentiment and theme matching tokenize the same comment back to back; remember the last few.
const recent: { text: string; tokens: Token[] }[] = [];
export function tokenize(text: string): Token[] {
  for (const r of recent) if (r.text === text) return r.tokens;
  const tokens = tokenizeFresh(text);
  if (recent.unshift({ text, tokens }) > 4) recent.pop();
  return tokens;
}

function tokenizeFresh(text: string): Token[] {
  const matches = tokenizer.tokenize(text) ?? [];
  const shouting = !hasLower.test(text);
  const out: Token[] = [];
  for (const raw of matches) {
    if (isUrlOrMention.test(raw)) continue;
    if (isWord.test(raw)) {
      const word = raw.startsWith('#') ? raw.slice(1) : raw;
      const { norm, upper } = normalizeWord(word);
      out.push({ kind: 'word', norm, raw: word, caps: !shouting && upper });
    } else if (isEmoji.test(raw)) out.push({ kind: 'emoji', norm: raw, raw, caps: false });
    else if (isPunct.test(raw)) out.push({ kind: 'punct', norm: raw, raw, caps: false });
    else if (isEmoticon.test(raw)) out.push({ kind: 'emoji', norm: raw, raw, caps: false });
    else out.push({ kind: 'break', norm: raw, raw, caps: false });
  }
  return out;
}

// Porter stemming is regex-heavy; comments reuse a small vocabulary, so memoise.
// The cap keeps a long-lived Worker isolate from growing without bound.
const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    if (stemCache.size > CACHE_LIMIT) stemCache.clear();
    s = word.includes("'") ? word : PorterStemmer.stem(word);
    stemCache.set(word, s);
  }
  return s;
}

// natural's list plus contractions and chat filler it lacks; used only for themes.
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...naturalStopwords,
  "i'm", "i've", "i'd", "i'll", "it's", "that's", "there's", "they're", "you're", "we're", "he's", "she's",
  "don't", "doesn't", "didn't", "can't", "won't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't",
  "couldn't", "wouldn't", "shouldn't", 'dont', 'doesnt', 'didnt', 'cant', 'wont', 'isnt', 'im', 'ive', 'its',
  'will', 'just', 'not', 'no', 'yes', 'yet', 'ever', 'even', 'also', 'am', 'us', 'ok', 'okay', 'oh', 'hi', 'hey',
  'hello', 'please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'really', 'lol', 'u', 'ur', 'amp', 'via', 'rt',
  'one', 'two', 'every', 'anyone', 'someone', 'something', 'anything', 'thing', 'things', 'lot', 'lots',
  'need', 'want', 'know', 'think', 'going', 'go', 'would', 'could', 'may', 'let', 'able', 'tell', 'told', 'say',
  'today', 'yesterday', 'now', 'still', 'already', 'again', 'since', 'back', 'always', 'never', 'without',
  'new', 'way', 'time', 'day', 'days', 'much', 'many', 'well', 'good', 'great', 'bad', 'best', 'better',
  'use', 'used', 'using', 'make', 'made', 'look', 'looking', 'try', 'tried', 'trying', 'keep', 'seem', 'seems',
  'got', 'get', 'gets', 'getting', 'give', 'put', 'see', 'saw', 'sure', 'quite', 'pretty', 'actually',
  'definitely', 'totally', 'though', 'however', 'anyway', 'everything', 'nothing', 'place', 'help',
]);
