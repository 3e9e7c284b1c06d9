// The trained artefact, unpacked once per isolate. Weights ship as tab-separated text inside
// JSON because a 20k-key object literal is slow for tsc and bundlers, and a string is not.
import artefact from './model/sentiment-model.json';
import type { Lexicon } from './features.js';

export interface SentimentModelFile {
  version: number;
  /** |score| below this is neutral; calibrated on held-out neutral examples by train-text.ts. */
  neutralBand: number;
  /** "word\tvalence" lines, valence on [-1, 1]. */
  lexicon: string;
  /** "featureKey\tweight" lines. */
  weights: string;
  /** The opinion gate's "featureKey\tweight" lines (see gateFeatures); absent in version 1. */
  gate?: string;
  /** Score = tanh(z/2) · P(opinion)^gateGamma; 0 turns the gate off. */
  gateGamma?: number;
}

export interface SentimentModel {
  neutralBand: number;
  weights: ReadonlyMap<string, number>;
  gate: ReadonlyMap<string, number>;
  gateGamma: number;
  lexicon: Lexicon;
}

function parseTable(src: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of src.split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab > 0) map.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return map;
}

/** A lexicon lookup that also tries the un-elongated form ("loove" → "love"). */
export function lexiconFrom(table: ReadonlyMap<string, number>): Lexicon {
  return (word) => table.get(word) ?? (/(.)\1/.test(word) ? table.get(word.replace(/(.)\1+/g, '$1')) : undefined);
}

export function loadModel(file: SentimentModelFile): SentimentModel {
  return {
    neutralBand: file.neutralBand, weights: parseTable(file.weights), lexicon: lexiconFrom(parseTable(file.lexicon)),
    gate: parseTable(file.gate ?? ''), gateGamma: file.gate ? file.gateGamma ?? 0 : 0,
  };
}

let cached: SentimentModel | undefined;
/** The checked-in model, parsed on first use so importing the engine stays cheap. */
export function defaultModel(): SentimentModel {
  cached ??= loadModel(artefact as SentimentModelFile);
  return cached;
}
