// Chorus text analytics: sentiment and themes for customer comments. Pure and runtime-agnostic
// (no Node built-ins, no downloads): the same code runs in Node and in a Cloudflare Worker.
export { analyzeSentiment } from './sentiment.js';
export type { Sentiment, SentimentLabel, SentimentTerm } from './sentiment.js';
export { discoverThemes, assignThemes, slugify } from './themes.js';
export { CODEFRAME } from './codeframe.js';
export type { CodeframeCategory, CodeframeTheme } from './codeframe.js';
export type { ThemeDefinition, ThemeMatch, DiscoverOptions, AssignOptions } from './themes.js';
export { trainThemeModel, scoreLearned, MIN_EXAMPLES } from './learned.js';
export type { TaggedExample, ThemeModel, LearnedTheme } from './learned.js';
export { applyTaxonomy } from './taxonomy.js';
export type { CuratedTheme } from './taxonomy.js';
