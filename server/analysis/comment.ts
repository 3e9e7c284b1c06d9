import type { ResponseAnalysis } from '../../db/schema';
import type { AnalysisContext } from '../services/themes';
import { analyzeSentiment } from './sentiment';
import { assignThemes } from './themes';

/**
 * Sentiment and themes (keywords and learned) of one comment, as stored with its response.
 * Pure CPU work on plain data, so that it can run on a worker thread (server/analysis-thread.ts).
 */
export const analyzeComment = (comment: string, context: AnalysisContext): ResponseAnalysis => ({
  sentiment: analyzeSentiment(comment),
  themes: assignThemes(comment, context.taxonomy, context.model ? { model: context.model } : {}),
});
