// What comment analysis stores beside each response and per workspace (JSON columns in
// db/schema.ts) and shows in the API; produced by server/analysis.

/**
 * A theme found in one comment; `keywords` are the ones that matched it, `sentiment` is the
 * aspect sentiment in [-1, 1] of the clauses that mention it, `confidence` in [0, 1], and
 * `source` says whether keywords, a learned classifier or a person put it there.
 */
export interface ThemeMatch {
  key: string; label: string; keywords: string[];
  category?: string; sentiment?: number; confidence?: number; source?: 'keywords' | 'learned' | 'manual';
}

/** One theme's classifier: bias, sparse word weights and weights on the mean word vector. */
export interface LearnedTheme { key: string; examples: number; bias: number; weights: Record<string, number>; dense: number[] }
/** A workspace's learned themes, serialisable as JSON. */
export interface ThemeModel { version: 2; themes: LearnedTheme[] }
