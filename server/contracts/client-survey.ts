import type { Appearance, Ending, Question, Targeting, Throttling, Translations } from './survey-config';

/**
 * The widget's view of a survey (`GET /api/v1/client/:publicKey/surveys`): everything it needs
 * to decide and render, nothing internal. Built by `clientSurvey()` in server/queries/surveys.ts.
 */
export interface ClientSurvey {
  id: string;
  touchpointId: string;
  name: string;
  /** Higher shows first when several surveys are eligible at once. */
  priority: number;
  defaultLocale: string;
  questions: Question[];
  targeting: Targeting;
  throttling: Throttling;
  appearance: Appearance;
  translations: Translations;
  /** End screens by band (survey logic, docs/WIDGET.md). */
  endings: Ending[];
  /** ms since the epoch: the widget compares it with what it cached. */
  updatedAt: number;
}
