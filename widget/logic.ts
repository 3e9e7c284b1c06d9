// Survey logic: which question comes next, which end screen shows. One pure module that the
// widget (its step flow) and the server (which answers it accepts, which are required) both
// import, so the two can never disagree; kept tiny because it ships in the widget's UI chunk.
import type { Condition, SkipRule } from '../server/contracts/survey-config';

type Test = Omit<Condition, 'question'>;
type Answer = number | string | string[] | undefined;
type Answers = Readonly<Record<string, Answer>>;
/** The part of a question the logic reads. */
export interface Step {
  id: string;
  showIf?: Condition | undefined;
  skip?: SkipRule[] | undefined;
}

/** Whether an answer passes a test; an unanswered question passes none. */
export function passes(t: Test, v: Answer): boolean {
  if (v === undefined) return false;
  if (typeof v === 'number') return !t.anyOf && (t.min ?? v) <= v && v <= (t.max ?? v);
  return !!t.anyOf && (Array.isArray(v) ? v : [v]).some((x) => t.anyOf!.includes(x));
}

/** Whether a condition holds for these answers; no condition always holds. */
export const holds = (c: Condition | undefined, a: Answers): boolean => !c || passes(c, a[c.question]);

/**
 * The index of the step after `i` (-1: the first step), `questions.length` at the end: the
 * first passing skip rule of question i decides where to go, then questions whose condition
 * does not hold are passed over.
 */
export function next(qs: readonly Step[], i: number, a: Answers): number {
  const q = qs[i];
  const rule = q?.skip?.find((r) => passes(r, a[q.id]));
  const to = rule && (rule.to === '$end' ? qs.length : qs.findIndex((x) => x.id === rule.to));
  let j = to !== undefined && to > i ? to : i + 1;
  while (j < qs.length && !holds(qs[j]!.showIf, a)) j++;
  return j;
}

/** The questions a respondent with these answers goes through, in order. */
export function path<Q extends Step>(qs: readonly Q[], a: Answers): Q[] {
  const out: Q[] = [];
  for (let i = next(qs, -1, a); i < qs.length; i = next(qs, i, a)) out.push(qs[i]!);
  return out;
}

/** A question's wording for these answers: its first band prompt whose condition holds, else its text. */
export const textFor = (q: { text: string; prompts?: { showIf: Condition; text: string }[] | undefined }, a: Answers): string =>
  q.prompts?.find((p) => holds(p.showIf, a))?.text ?? q.text;

/** The end screen for these answers: the first whose condition holds. */
export const endingFor = <E extends { showIf?: Condition | undefined }>(endings: readonly E[] | undefined, a: Answers): E | undefined =>
  endings?.find((e) => holds(e.showIf, a));
