import { describe, expect, it } from 'vitest';
import { checkAnswers, missingRequired, scoreAnswers } from '../../server/services/answers';
import type { Question } from '../../server/contracts/survey-config';

const questions: Question[] = [
  { id: 'nps', kind: 'nps', text: 'Recommend?', required: true },
  { id: 'csat', kind: 'csat', text: 'Satisfied?', required: false },
  { id: 'ces', kind: 'ces', text: 'Easy?', required: false },
  { id: 'goal', kind: 'cpi', cpiId: 'cpi_a', text: 'Goal?', required: false },
  { id: 'goal2', kind: 'cpi', cpiId: 'cpi_b', text: 'Goal 2?', required: false },
  { id: 'why', kind: 'text', text: 'Why?', required: false, maxLength: 10 },
  { id: 'pick', kind: 'choice', text: 'Pick', required: true, multiple: false, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
  { id: 'many', kind: 'choice', text: 'Many', required: false, multiple: true, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
];

const problem = (answers: Record<string, unknown>) => {
  try {
    checkAnswers(questions, answers as never);
    return null;
  } catch (e) {
    return (e as { code: string; status: number }).status + ' ' + (e as { code: string }).code;
  }
};

describe('checkAnswers', () => {
  it('accepts answers at the edges of each scale', () => {
    expect(problem({ nps: 0, csat: 1, ces: 7, goal: 'partly', why: '0123456789', pick: 'a', many: ['a', 'b'] })).toBeNull();
    expect(problem({ nps: 10, csat: 5, ces: 1, goal: 'no', pick: ['b'], many: 'a' })).toBeNull();
  });
  it.each([
    [{ nps: -1 }], [{ nps: 11 }], [{ nps: 5.5 }], [{ nps: '5' }], [{ csat: 0 }], [{ csat: 6 }], [{ ces: 8 }],
    [{ goal: 'yes!' }], [{ goal: 1 }], [{ why: '01234567890' }], [{ why: 3 }], [{ pick: ['a', 'b'] }], [{ pick: 'c' }],
    [{ many: ['a', 'z'] }], [{ unknown: 1 }],
  ])('rejects %j with a 422', (answers) => {
    expect(problem(answers)).toBe('422 invalid_answer');
  });
});

describe('scoreAnswers and missingRequired', () => {
  it('derives the score columns, the comment and the CPI answers', () => {
    expect(scoreAnswers(questions, { nps: 3, ces: 6, goal: 'yes', goal2: 'partly', why: 'slow', pick: 'a' })).toEqual({
      nps: 3,
      csat: null,
      ces: 6,
      comment: 'slow',
      cpi: [
        { cpiId: 'cpi_a', answer: 'yes' },
        { cpiId: 'cpi_b', answer: 'partly' },
      ],
    });
  });
  it('treats a blank comment as no comment', () => {
    expect(scoreAnswers(questions, { why: '   ' }).comment).toBeNull();
  });
  it('lists unanswered required questions', () => {
    expect(missingRequired(questions, { nps: 5 })).toEqual(['pick']);
  });
});
