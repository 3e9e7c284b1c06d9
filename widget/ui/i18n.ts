import type { ClientSurvey, Question } from '../types';

/** Built-in strings; every key can be overridden per locale in a survey's `translations[locale].strings`. */
export const defaults = {
  next: 'Next',
  submit: 'Send',
  skip: 'Skip',
  close: 'Close',
  thanks: 'Thank you for your feedback!',
  /** Announced (not shown) when a survey opens by itself: "Survey: <first question>". */
  survey: 'Survey',
  progress: 'Question {n} of {total}',
  /** The banner of a test-mode (`?preview=1`) survey. */
  preview: 'Preview: nothing you answer here is recorded.',
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
  npsLow: 'Not likely',
  npsHigh: 'Very likely',
  csatLow: 'Very unsatisfied',
  csatHigh: 'Very satisfied',
  cesLow: 'Very difficult',
  cesHigh: 'Very easy',
};
export type StringKey = keyof typeof defaults;

/**
 * The survey locale that best fits the browser: exact tag first, then the language alone
 * ("de-AT" → "de"), falling back to the survey's default locale.
 */
export function pickLocale(s: ClientSurvey, wanted: readonly string[]): string {
  const have = [s.defaultLocale, ...Object.keys(s.translations)];
  const lang = (l: string) => l.toLowerCase().split('-')[0];
  for (const w of wanted) {
    const hit = have.find((h) => h.toLowerCase() === w.toLowerCase()) ?? have.find((h) => lang(h) === lang(w));
    if (hit) return hit;
  }
  return s.defaultLocale;
}

export const isRtl = (locale: string): boolean => /^(ar|he|fa|ur)\b/i.test(locale);

/** The survey's questions and UI strings in one locale. */
export function localize(s: ClientSurvey, locale: string) {
  const t = s.translations[locale];
  const str = (k: StringKey) => t?.strings[k] ?? defaults[k];
  const questions = s.questions.map((q): Question => {
    const o = t?.questions[q.id];
    if (!o) return q;
    const base = { ...q, text: o.text ?? q.text, prompts: q.prompts?.map((p) => ({ ...p, text: o.prompts?.[p.id] ?? p.text })) };
    if (base.kind === 'choice') return { ...base, options: base.options.map((x) => ({ ...x, label: o.options?.[x.id] ?? x.label })) };
    if (base.kind === 'text') return { ...base, placeholder: o.placeholder ?? base.placeholder };
    if (base.kind === 'nps' || base.kind === 'csat' || base.kind === 'ces') return { ...base, lowLabel: o.lowLabel ?? base.lowLabel, highLabel: o.highLabel ?? base.highLabel };
    return base;
  });
  const endings = s.endings.map((e) => ({ ...e, text: t?.endings?.[e.id]?.text ?? e.text, linkLabel: t?.endings?.[e.id]?.linkLabel ?? e.linkLabel }));
  return { questions, endings, str };
}
export type Strings = ReturnType<typeof localize>['str'];
