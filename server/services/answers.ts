import type { Answers, CpiAnswer, Question } from '../contracts/survey-config';
import { ApiError } from '../errors';
import { path } from '../../widget/logic';

export const scales = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
const cpiValues: readonly string[] = ['yes', 'partly', 'no'];

/** The columns and rollup inputs derived from a response's answers. */
export interface ScoredAnswers {
  nps: number | null;
  csat: number | null;
  ces: number | null;
  /** The text of the survey's first text question: what sentiment and themes read. */
  comment: string | null;
  cpi: { cpiId: string; answer: CpiAnswer }[];
}

/**
 * Checks every answer against its question (kind, range, options, length) and throws a 422
 * naming each problem, so a client can never store an answer the survey cannot hold.
 */
export function checkAnswers(questions: readonly Question[], answers: Answers): void {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: { question: string; message: string }[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const problem = q ? answerProblem(q, value) : 'no such question in this survey';
    if (problem) problems.push({ question: id, message: problem });
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ApiError(422, 'invalid_answer', `Answer to "${first.question}": ${first.message}`, problems);
  }
}

function answerProblem(q: Question, value: Answers[string]): string | null {
  switch (q.kind) {
    case 'nps':
    case 'csat':
    case 'ces': {
      const [lo, hi] = scales[q.kind];
      return Number.isInteger(value) && (value as number) >= lo && (value as number) <= hi
        ? null
        : `must be a whole number from ${lo} to ${hi}`;
    }
    case 'cpi':
      return typeof value === 'string' && cpiValues.includes(value) ? null : 'must be "yes", "partly" or "no"';
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      return value.length <= q.maxLength ? null : `must be at most ${q.maxLength} characters`;
    case 'choice': {
      const ids = new Set(q.options.map((o) => o.id));
      const chosen = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
      if (!chosen) return 'must be an option id or a list of option ids';
      if (!q.multiple && chosen.length > 1) return 'allows one option only';
      const unknown = chosen.find((c) => !ids.has(c));
      return unknown === undefined ? null : `"${unknown}" is not one of its options`;
    }
  }
}

/** Ids of required questions on the respondent's path (survey logic) that have no answer yet; a question the logic hides is not required. */
export function missingRequired(questions: readonly Question[], answers: Answers): string[] {
  return path(questions, answers)
    .filter((q) => q.required && !(q.id in answers))
    .map((q) => q.id);
}

/**
 * Answers to questions the survey logic hides for these answers (a follow-up of
 * another score band, a question a skip rule jumps over): the widget never sends one, and
 * storing it would put the comment of a band the respondent was not in into the analytics.
 */
export function hiddenAnswers(questions: readonly Question[], answers: Answers): string[] {
  const shown = new Set(path(questions, answers).map((q) => q.id));
  return Object.keys(answers).filter((id) => !shown.has(id));
}

/** Derives the denormalised score columns; the first question of each kind wins. */
export function scoreAnswers(questions: readonly Question[], answers: Answers): ScoredAnswers {
  const first = (kind: 'nps' | 'csat' | 'ces'): number | null => {
    const q = questions.find((x) => x.kind === kind && typeof answers[x.id] === 'number');
    return q ? (answers[q.id] as number) : null;
  };
  const textQ = questions.find((q) => q.kind === 'text' && typeof answers[q.id] === 'string' && (answers[q.id] as string).trim() !== '');
  const cpi = questions.flatMap((q) =>
    q.kind === 'cpi' && typeof answers[q.id] === 'string' ? [{ cpiId: q.cpiId, answer: answers[q.id] as CpiAnswer }] : [],
  );
  return {
    nps: first('nps'),
    csat: first('csat'),
    ces: first('ces'),
    comment: textQ ? (answers[textQ.id] as string) : null,
    cpi,
  };
}
