// Shared loading of the labelled text sets in ../shared/data/text for train-text.ts and eval-text.ts.
// Keeping the train / held-out split in one file is what guarantees the eval never sees training data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const DATA_DIR =
  process.env.TEXT_DATA_DIR ?? fileURLToPath(new URL('../../shared/data/text/', import.meta.url));

/** -1 negative, 0 neutral, 1 positive. */
export type Polarity = -1 | 0 | 1;
export interface SentimentItem { text: string; polarity: Polarity }
export interface SentimentSet { name: string; domain: string; items: SentimentItem[] }
export interface ThemeSet { name: string; items: { text: string; label: string }[] }

const read = (rel: string): string => readFileSync(join(DATA_DIR, rel), 'utf8');

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
}

function csvObjects(rel: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(read(rel));
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Stable hash in [0, 1) so a split never changes between runs or machines. */
export function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return (h >>> 0) / 2 ** 32;
}

function dedupe(items: SentimentItem[]): SentimentItem[] {
  const seen = new Set<string>();
  return items.filter((it) => {
    const key = it.text.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const binary = (label: string): Polarity => (label.trim() === '1' ? 1 : -1);

function tsvBinary(rel: string): SentimentItem[] {
  return read(rel).split(/\r?\n/).filter(Boolean).map((line) => {
    const tab = line.lastIndexOf('\t');
    return { text: line.slice(0, tab), polarity: binary(line.slice(tab + 1)) };
  });
}

/** VADER's graded sets: the mean of ≥ 20 raters on −4..4; near zero is neutral. */
function vaderGraded(rel: string): SentimentItem[] {
  return read(rel).split(/\r?\n/).filter(Boolean).map((line) => {
    const [, mean = '0', ...text] = line.split('\t');
    const m = Number(mean);
    return { text: text.join('\t'), polarity: m >= 0.5 ? 1 : m <= -0.5 ? -1 : 0 };
  });
}

const stars = (n: number): Polarity => (n >= 4 ? 1 : n <= 2 ? -1 : 0);

/** SemEval sentence polarity: a sentence counts only when all its opinions agree. */
function semevalSentences(rel: string, column: string, noOpinionNeutral: boolean): SentimentItem[] {
  const out: SentimentItem[] = [];
  for (const row of csvObjects(rel)) {
    const ops = (row[column] ?? '').split(';').filter(Boolean).map((o) => o.slice(o.lastIndexOf(':') + 1));
    if (ops.length === 0) {
      if (noOpinionNeutral) out.push({ text: row.text ?? '', polarity: 0 });
      continue;
    }
    const uniq = new Set(ops);
    if (uniq.size !== 1) continue;
    const p = ops[0];
    if (p === 'positive') out.push({ text: row.text ?? '', polarity: 1 });
    else if (p === 'negative') out.push({ text: row.text ?? '', polarity: -1 });
    else if (p === 'neutral') out.push({ text: row.text ?? '', polarity: 0 });
  }
  return out;
}

/** Complaint tweets: a complaint is negative; the 30 % hash split is held out for eval. */
function complaints(heldOut: boolean): SentimentItem[] {
  return parseCsv(read('train/complaints_twitter_acl2019/complaints-data.csv'))
    .map(([, text = '', label = '0']) => ({ text, complaint: label === '1' }))
    .filter((r) => (hashUnit(r.text) < 0.3) === heldOut)
    .map((r) => ({ text: r.text, polarity: (r.complaint ? -1 : 0) as Polarity }));
}

/**
 * Plain how-to questions to a support desk ("how do I change my PIN?") as neutral examples:
 * without them, complaint tweets teach the model that every question to a company is negative.
 * From banking77's train split; its test split is only used, unlabelled, to evaluate themes.
 */
function bankingQuestions(): SentimentItem[] {
  return csvObjects('train/banking77/train.csv')
    .map((r) => r.text ?? '')
    .filter((t) => /^(how|what|where|when|which|can|could|is|are|do|does|will|would)\b/i.test(t) && hashUnit(`q:${t}`) < 0.25)
    .map((text) => ({ text, polarity: 0 as Polarity }));
}

/**
 * Requests without much feeling, as neutral examples: suggestions from a developer forum
 * (SemEval-2019 task 9, label 1) and feature requests / questions from Panichella's app-review
 * sentences. Capped by hash so they do not outweigh the sets with graded neutral labels.
 */
function requests(): SentimentItem[] {
  const suggestions = parseCsv(read('train/suggestion_mining_semeval2019/V1.4_Training.csv'))
    .filter((r) => (r[2] ?? '').trim() === '1')
    .map((r) => (r[1] ?? '').replace(/^"+|"+$/g, '').replace(/""/g, '"').trim());
  const panichella = csvObjects('train/app_reviews_panichella2015/panichella_app_review_sentences.csv')
    .filter((r) => r.label === 'feature request' || r.label === 'information seeking')
    .map((r) => r.sentence ?? '');
  return [...suggestions.filter((t) => hashUnit(`s:${t}`) < 0.5), ...panichella].map((text) => ({ text, polarity: 0 as Polarity }));
}

/** Everything the sentiment model may learn from. Neutral items teach it to stay near zero. */
export function loadSentimentTrain(): SentimentSet[] {
  const maalej = csvObjects('train/app_reviews_maalej2015/maalej_app_reviews.csv')
    .map((r) => ({ text: r.review ?? '', polarity: stars(Number(r.rating)) }));
  return [
    { name: 'vader-tweets', domain: 'social', items: vaderGraded('vader/tweets_GroundTruth.txt') },
    { name: 'vader-movies', domain: 'movies', items: vaderGraded('vader/movieReviewSnippets_GroundTruth.txt') },
    { name: 'uci-imdb', domain: 'movies', items: tsvBinary('train/uci_sentiment_labelled_sentences/imdb_labelled.txt') },
    { name: 'uci-yelp', domain: 'restaurants', items: tsvBinary('train/uci_sentiment_labelled_sentences/yelp_labelled.txt') },
    { name: 'sst2-train+dev', domain: 'movies', items: [...tsvBinary('train/sst2_sentences/train.tsv'), ...tsvBinary('train/sst2_sentences/dev.tsv')] },
    { name: 'app-maalej', domain: 'apps', items: dedupe(maalej) },
    { name: 'semeval14-restaurants', domain: 'restaurants', items: semevalSentences('semeval/Restaurants_Train_v2.flat.csv', 'aspect_categories', false) },
    { name: 'semeval14-laptops', domain: 'laptops', items: semevalSentences('semeval/Laptop_Train_v2.flat.csv', 'aspect_terms', false) },
    { name: 'semeval16-restaurants', domain: 'restaurants', items: semevalSentences('semeval/ABSA16_Restaurants_Train_SB1_v2.flat.csv', 'opinions', true) },
    { name: 'semeval16-laptops', domain: 'laptops', items: semevalSentences('semeval/ABSA16_Laptops_Train_SB1_v2.flat.csv', 'opinions', true) },
    { name: 'complaints-train', domain: 'service', items: complaints(false).filter((i) => i.polarity === -1) },
    { name: 'banking77-questions', domain: 'service', items: bankingQuestions() },
    { name: 'requests', domain: 'requests', items: requests() },
  ].map((s) => ({ ...s, items: dedupe(s.items).filter((i) => i.text.trim()) }));
}

/** Held out from training: never read by train-text.ts. */
export function loadSentimentHeldOut(): SentimentSet[] {
  const vuLabel = (s: string): Polarity | null => {
    const l = s.toLowerCase();
    if (!l) return null;
    return l.includes('neg') ? -1 : l.includes('neutral') ? 0 : 1;
  };
  const vu = csvObjects('train/app_reviews_vu_itunes/dataset.csv').flatMap((r) => {
    const p = vuLabel(r.sentiment_final ?? '');
    return p === null ? [] : [{ text: r.review ?? '', polarity: p }];
  });
  const s140 = parseCsv(read('train/sentiment140_manual_test/testdata.manual.2009.06.14.csv'))
    .filter(([p]) => p === '0' || p === '2' || p === '4')
    .map(([p, text = '']) => ({ text, polarity: (p === '4' ? 1 : p === '0' ? -1 : 0) as Polarity }));
  return [
    { name: 'sst2-test', domain: 'movies', items: tsvBinary('train/sst2_sentences/test.tsv') },
    { name: 'uci-amazon', domain: 'product reviews', items: tsvBinary('train/uci_sentiment_labelled_sentences/amazon_cells_labelled.txt') },
    { name: 'app-reviews-vu', domain: 'app reviews', items: vu },
    { name: 'semeval15-hotels', domain: 'hotels', items: semevalSentences('semeval/ABSA15_Hotels_Test.flat.csv', 'opinions', false) },
    { name: 'sentiment140-test', domain: 'tweets', items: s140 },
    { name: 'complaints-test', domain: 'service complaints', items: complaints(true) },
  ].map((s) => ({ ...s, items: dedupe(s.items) }));
}

function semevalXmlCategories(rel: string): { text: string; label: string }[] {
  const out: { text: string; label: string }[] = [];
  for (const m of read(rel).matchAll(/<sentence\b[\s\S]*?<\/sentence>/g)) {
    const text = /<text>([\s\S]*?)<\/text>/.exec(m[0])?.[1] ?? '';
    const cats = [...m[0].matchAll(/category="([^"]+)"/g)].map((c) => (c[1] ?? '').split('#')[0] ?? '');
    const uniq = [...new Set(cats)];
    if (uniq.length === 1 && uniq[0]) out.push({ text: decodeXml(text), label: uniq[0] });
  }
  return out;
}

const decodeXml = (s: string): string =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Multi-label sets for learning themes from tagged examples: `train` gives the examples, `test`
 * is scored. banking77's own split; SemEval-14 restaurants: training file → test file.
 */
export function loadLearningSets(): { name: string; train: { text: string; labels: string[] }[]; test: { text: string; labels: string[] }[] }[] {
  const banking = (f: string) => csvObjects(`train/banking77/${f}`).map((r) => ({ text: r.text ?? '', labels: [r.category ?? ''] }));
  const semeval = (rel: string) => [...read(rel).matchAll(/<sentence\b[\s\S]*?<\/sentence>/g)].map((m) => ({
    text: decodeXml(/<text>([\s\S]*?)<\/text>/.exec(m[0])?.[1] ?? ''),
    labels: [...new Set([...m[0].matchAll(/aspectCategory category="([^"]+)"/g)].map((c) => c[1] ?? ''))].filter(Boolean),
  })).filter((x) => x.labels.length > 0);
  return [
    { name: 'banking77 (15 intents)', train: banking('train.csv'), test: banking('test.csv') },
    { name: 'semeval14-restaurants', train: semeval('semeval/Restaurants_Train_v2.xml'), test: semeval('semeval/semeval14_Restaurants_Test_Data_phaseB.xml') },
  ];
}

/** Theme discovery is unsupervised, so all of these are evaluation-only. */
export function loadThemeSets(): ThemeSet[] {
  const banking = csvObjects('train/banking77/test.csv').map((r) => ({ text: r.text ?? '', label: r.category ?? '' }));
  return [
    { name: 'banking77-test', items: banking },
    { name: 'semeval14-restaurants-test', items: semevalXmlCategories('semeval/semeval14_Restaurants_Test_Data_phaseB.xml') },
    { name: 'semeval16-restaurants', items: semevalXmlCategories('semeval/ABSA16_Restaurants_Train_SB1_v2.xml') },
    { name: 'semeval16-laptops', items: semevalXmlCategories('semeval/ABSA16_Laptops_Train_SB1_v2.xml') },
    { name: 'semeval15-hotels', items: semevalXmlCategories('semeval/ABSA15_Hotels_Test.xml') },
  ];
}

/** Complaint tweets without reason labels: used only to measure theme coverage on service text. */
export function loadComplaintTexts(): string[] {
  return complaints(true).filter((i) => i.polarity === -1).map((i) => i.text);
}
