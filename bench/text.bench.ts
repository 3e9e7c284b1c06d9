import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DATA_DIR, parseCsv } from '../scripts/text-data';
import { analyzeSentiment, assignThemes, discoverThemes } from '../server/analysis/index';
import { median, type Bench, type BenchRow } from './types';

// Text analytics throughput in one process: Chorus's sentiment and theme assignment over real
// customer comments (app-store reviews and complaint tweets from ../shared/data/text), next to
// natural's AFINN analyzer on the same comments. Each round times one pass over every comment
// per system, systems interleaved so that a busy moment on the machine hits all of them.
const ROUNDS = 5;
const TARGET = 5_000;

/** Distinct non-empty texts of one CSV column. */
function column(file: string, pick: (header: string[]) => number): string[] {
  const [header = [], ...rows] = parseCsv(readFileSync(join(DATA_DIR, file), 'utf8'));
  const i = pick(header);
  return rows.map((r) => (r[i] ?? '').trim()).filter(Boolean);
}

function comments(): string[] {
  const all = [
    ...column('train/app_reviews_maalej2015/maalej_app_reviews.csv', (h) => h.indexOf('review')),
    ...column('train/app_reviews_vu_itunes/dataset.csv', (h) => h.indexOf('review')),
    ...column('train/complaints_twitter_acl2019/complaints-data.csv', () => 1), // no header: id, text, label, domain
  ];
  return [...new Set(all)];
}

interface Afinn {
  getSentiment(words: string[]): number;
}

/**
 * natural's AFINN analyzer as its README sets it up (with the Porter stemmer, which it tries on
 * words missing from the list), or without a stemmer. Deep imports: natural's index pulls in
 * database drivers.
 */
function afinn(stemmed: boolean): (text: string) => number {
  process.env.DOTENV_CONFIG_QUIET = 'true';
  const require = createRequire(import.meta.url);
  const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (language: string, stemmer: unknown, vocabulary: string) => Afinn;
  const stemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(token: string): string };
  const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as { WordTokenizer: new () => { tokenize(text: string): string[] } };
  const analyzer = new SentimentAnalyzer('English', stemmed ? stemmer : null, 'afinn');
  const tokenizer = new WordTokenizer();
  return (text) => analyzer.getSentiment(tokenizer.tokenize(text));
}

/** Comments per second of one pass of `fn` over `texts`. */
function pass(texts: readonly string[], fn: (text: string) => unknown): number {
  let sink = 0;
  const t = performance.now();
  for (const text of texts) sink += fn(text) === undefined ? 0 : 1;
  const seconds = (performance.now() - t) / 1000;
  if (sink !== texts.length) throw new Error('a system returned nothing');
  return texts.length / seconds;
}

const bench: Bench = async () => {
  const texts = comments();
  const chars = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);
  const t = performance.now();
  const themes = discoverThemes(texts);
  const discoverySeconds = (performance.now() - t) / 1000;

  const systems: Record<'sentiment' | 'themes' | 'afinn' | 'afinnPlain', (text: string) => unknown> = {
    sentiment: (text) => analyzeSentiment(text),
    themes: (text) => assignThemes(text, themes),
    afinn: afinn(true),
    afinnPlain: afinn(false),
  };
  const names = Object.keys(systems) as (keyof typeof systems)[];
  for (const name of names) pass(texts, systems[name]); // warm-up: JIT, lazily built models and indexes
  const rates = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<keyof typeof systems, number[]>;
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      rates[name].push(pass(texts, systems[name]));
    }
  }
  const [sentiment, assign, baseline, plain] = [median(rates.sentiment), median(rates.themes), median(rates.afinn), median(rates.afinnPlain)];
  const group = 'text analytics';
  const corpus = `${texts.length.toLocaleString('en')} app-review and complaint comments, ${chars} chars on average; median of ${ROUNDS} passes`;
  const afinnRow = { name: 'natural AFINN (Porter stemmer)', value: baseline };
  const rows: BenchRow[] = [
    { group, name: 'sentiment (analyzeSentiment)', value: sentiment, unit: 'comments/s', baseline: afinnRow, ratio: sentiment / baseline, target: `≥ ${TARGET.toLocaleString('en')}/s`, pass: sentiment >= TARGET, note: `${corpus}; ratio = Chorus / AFINN throughput; AFINN sums word scores from a list (a negation flips the rest of the text) and explains nothing` },
    { group, name: `theme assignment (assignThemes, ${themes.length} themes)`, value: assign, unit: 'comments/s', baseline: afinnRow, ratio: assign / baseline, note: 'themes discovered once from the same comments; ratio = Chorus / AFINN throughput' },
    { group, name: 'natural AFINN without stemmer (reference)', value: plain, unit: 'comments/s', note: `AFINN as scripts/eval-text.ts runs it; sentiment reaches ${(sentiment / plain).toFixed(2)}× of it` },
    { group, name: `theme discovery (discoverThemes over ${texts.length.toLocaleString('en')} comments)`, value: discoverySeconds, unit: 's', note: 'one run; what re-discovery over a workspace’s recent comments costs' },
  ];
  return rows;
};
export default bench;
