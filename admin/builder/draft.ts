import type { Survey } from '../hooks/use-surveys';

/** The editable part of a survey: what the builder holds and PATCHes in one go. */
export type Draft = Pick<Survey, 'name' | 'touchpointId' | 'priority' | 'defaultLocale' | 'questions' | 'targeting' | 'throttling' | 'appearance' | 'translations' | 'endings'>;
export type Ending = Draft['endings'][number];
export type Question = Draft['questions'][number];
export type QuestionKind = Question['kind'];
export type UrlRule = Draft['targeting']['urls'][number];
export type Translation = Draft['translations'][string];

export const toDraft = (s: Survey): Draft => ({
  name: s.name,
  touchpointId: s.touchpointId,
  priority: s.priority,
  defaultLocale: s.defaultLocale,
  questions: s.questions,
  targeting: s.targeting,
  throttling: s.throttling,
  appearance: s.appearance,
  translations: s.translations,
  endings: s.endings,
});

export const kindLabels: Record<QuestionKind, string> = {
  nps: 'NPS (0–10)',
  csat: 'CSAT (1–5)',
  ces: 'CES (1–7)',
  cpi: 'CPI goal (yes / partly / no)',
  text: 'Free text',
  choice: 'Choice',
};

/** A sensible new question of a kind, with an id unique in the survey. */
export function newQuestion(kind: QuestionKind, taken: string[], cpiId: string | undefined): Question {
  let id: string = kind;
  for (let i = 2; taken.includes(id); i++) id = `${kind}${i}`;
  const base = { id, required: false };
  switch (kind) {
    case 'nps':
      return { ...base, kind, text: 'How likely are you to recommend us to a friend or colleague?', lowLabel: 'Not at all likely', highLabel: 'Extremely likely' };
    case 'csat':
      return { ...base, kind, text: 'How satisfied are you?' };
    case 'ces':
      return { ...base, kind, text: 'How easy was it to get what you needed?' };
    case 'cpi':
      return { ...base, kind, text: 'Did we help you reach your goal?', cpiId: cpiId ?? '' };
    case 'text':
      return { ...base, kind, text: 'What is the main reason for your score?', maxLength: 2000 };
    case 'choice':
      return { ...base, kind, text: 'What brought you here today?', multiple: false, options: [{ id: 'a', label: 'Option A' }] };
  }
}
