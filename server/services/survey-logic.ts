import type { Condition, Ending, Question } from '../contracts/survey-config';
import { ApiError } from '../errors';
import { scales } from './answers';

type Test = Omit<Condition, 'question'>;
const cpiValues = ['yes', 'partly', 'no'];

/** Why a test cannot apply to question q's answers, or null when it can. */
function testProblem(q: Question, t: Test): string | null {
  const isRange = t.min !== undefined || t.max !== undefined;
  if (isRange === (t.anyOf !== undefined)) return 'give either a score range (min / max) or anyOf';
  if (q.kind === 'nps' || q.kind === 'csat' || q.kind === 'ces') {
    const [lo, hi] = scales[q.kind];
    if (!isRange) return `"${q.id}" is a score: test it with min / max`;
    const min = t.min ?? lo;
    const max = t.max ?? hi;
    return min < lo || max > hi || min > max ? `the range must lie within ${lo}–${hi} with min ≤ max` : null;
  }
  const values = q.kind === 'choice' ? q.options.map((o) => o.id) : q.kind === 'cpi' ? cpiValues : null;
  if (!values) return `"${q.id}" is free text, which logic cannot test`;
  if (isRange) return `"${q.id}" is not a score: test it with anyOf`;
  const unknown = t.anyOf!.find((v) => !values.includes(v));
  return unknown === undefined ? null : `"${unknown}" is not an answer of "${q.id}"`;
}

/**
 * Checks that the logic refers only to what it can: conditions to earlier questions (so the
 * flow always moves forward and an answer is known before it is tested), skip rules to later
 * questions or `$end`, tests that fit the tested question's kind. Throws a 422 naming each problem.
 */
export function assertLogic(questions: readonly Question[], endings: readonly Ending[]): void {
  const problems: { at: string; message: string }[] = [];
  const index = new Map(questions.map((q, i) => [q.id, i]));
  const check = (at: string, c: Condition, before: number) => {
    const i = index.get(c.question);
    const problem = i === undefined || i >= before ? `"${c.question}" is not an earlier question` : testProblem(questions[i]!, c);
    if (problem) problems.push({ at, message: problem });
  };
  questions.forEach((q, i) => {
    if (q.showIf) check(`questions.${q.id}.showIf`, q.showIf, i);
    q.prompts?.forEach((p) => check(`questions.${q.id}.prompts.${p.id}.showIf`, p.showIf, i));
    if (q.prompts && new Set(q.prompts.map((p) => p.id)).size !== q.prompts.length) problems.push({ at: `questions.${q.id}.prompts`, message: 'prompt ids must be unique' });
    q.skip?.forEach((r, k) => {
      const at = `questions.${q.id}.skip.${k}`;
      const to = r.to === '$end' ? questions.length : index.get(r.to);
      const problem = to === undefined || to <= i ? `"${r.to}" is not a later question or "$end"` : testProblem(q, r);
      if (problem) problems.push({ at, message: problem });
    });
  });
  endings.forEach((e) => e.showIf && check(`endings.${e.id}.showIf`, e.showIf, questions.length));
  if (new Set(endings.map((e) => e.id)).size !== endings.length) problems.push({ at: 'endings', message: 'ending ids must be unique' });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ApiError(422, 'invalid_logic', `${first.at}: ${first.message}`, problems);
  }
}
