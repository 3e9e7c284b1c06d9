// Types for the deep natural modules the engine imports. We never import natural's index:
// it drags in database drivers and ~20 MB, which would break the Worker bundle budget.

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export interface RegexpTokenizerOptions { pattern?: RegExp; gaps?: boolean; discardEmpty?: boolean }
  export class RegexpTokenizer {
    constructor(options?: RegexpTokenizerOptions);
    /** With `gaps: false` returns the matches, or null when there are none. */
    tokenize(text: string): string[] | null;
  }
  export class WordTokenizer {
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}

declare module 'natural/lib/natural/ngrams/ngrams.js' {
  export function ngrams(sequence: string[], n: number): string[][];
  export function bigrams(sequence: string[]): string[][];
  export function trigrams(sequence: string[]): string[][];
}
