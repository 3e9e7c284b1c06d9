import type { Question } from '../schemas/survey-config';

/**
 * How CSV columns become a response: each column maps to a question id of the survey, or
 * to one of the special targets `@id`, `@answeredAt`, `@respondentId`, `@locale`, `@pageUrl`,
 * `@complete` and `@attribute:<name>`. Unmapped columns are ignored.
 */
export type ColumnMapping = Record<string, string>;

export const presets = ['chorus', 'delighted', 'formbricks'] as const;
export type Preset = (typeof presets)[number];

const first = (qs: readonly Question[], kind: Question['kind']) => qs.find((q) => q.kind === kind)?.id;

/**
 * Column mappings for known export formats, resolved against the target survey's questions
 * (the score goes to its first NPS question, the comment to its first text question).
 * Chorus: our own CSV export. Delighted: its response export. Formbricks: its CSV download.
 */
export function presetMapping(preset: Preset, questions: readonly Question[]): ColumnMapping {
  const nps = first(questions, 'nps') ?? 'nps';
  const text = first(questions, 'text') ?? 'comment';
  switch (preset) {
    case 'chorus':
      return { id: '@id', created_at: '@answeredAt', nps: nps, comment: text, respondent_id: '@respondentId', locale: '@locale', page_url: '@pageUrl', status: '@complete' };
    case 'delighted':
      return { 'Response ID': '@id', 'Created At': '@answeredAt', Score: nps, Comment: text, 'Person ID': '@respondentId', Email: '@attribute:email', 'Delighted Source': '@attribute:source', Tags: '@attribute:tags' };
    case 'formbricks':
      return { 'Response ID': '@id', Timestamp: '@answeredAt', Date: '@answeredAt', 'User ID': '@respondentId', Finished: '@complete', Language: '@locale', Url: '@pageUrl', NPS: nps, 'Net Promoter Score': nps, Comment: text, Feedback: text };
  }
}
