import { describe, expect, it } from 'vitest';
import { endingFor, holds, next, passes, path, textFor } from '../../widget/logic';
import { hiddenAnswers, missingRequired, scoreAnswers } from '../../server/services/answers';
import { assertLogic } from '../../server/services/survey-logic';
import type { Ending, Question } from '../../server/contracts/survey-config';

// The demo's shape: an NPS score, one follow-up per band, a choice with skip rules, a last question.
const questions: Question[] = [
  { id: 'nps', kind: 'nps', text: 'Recommend?', required: true },
  { id: 'sad', kind: 'text', text: 'What disappointed you?', required: true, maxLength: 2000, showIf: { question: 'nps', max: 6 } },
  { id: 'meh', kind: 'text', text: 'What would make it a 10?', required: true, maxLength: 2000, showIf: { question: 'nps', min: 7, max: 8 } },
  { id: 'love', kind: 'text', text: 'What did you love?', required: true, maxLength: 2000, showIf: { question: 'nps', min: 9 } },
  {
    id: 'topic',
    kind: 'choice',
    text: 'What is it about?',
    required: false,
    multiple: false,
    options: [{ id: 'price', label: 'Price' }, { id: 'support', label: 'Support' }, { id: 'other', label: 'Other' }],
    skip: [
      { anyOf: ['price'], to: 'plan' },
      { anyOf: ['other'], to: '$end' },
    ],
  },
  { id: 'support', kind: 'text', text: 'Tell us about support', required: false, maxLength: 2000 },
  { id: 'plan', kind: 'choice', text: 'Which plan?', required: true, multiple: false, options: [{ id: 'free', label: 'Free' }, { id: 'pro', label: 'Pro' }] },
];
const endings: Ending[] = [
  { id: 'detractor', showIf: { question: 'nps', max: 6 }, text: 'Sorry — we will do better.' },
  { id: 'promoter', showIf: { question: 'nps', min: 9 }, text: 'Thanks! Review us?', linkUrl: 'https://example.com/review', linkLabel: 'Write a review' },
];
const ids = (qs: { id: string }[]) => qs.map((q) => q.id);

describe('passes', () => {
  it('tests scores against an inclusive range with open ends', () => {
    expect([0, 6, 7].map((v) => passes({ max: 6 }, v))).toEqual([true, true, false]);
    expect([6, 7, 8, 9].map((v) => passes({ min: 7, max: 8 }, v))).toEqual([false, true, true, false]);
    expect(passes({ min: 9 }, 10)).toBe(true);
  });
  it('tests choices against a set, a multiple choice by any picked option', () => {
    expect(passes({ anyOf: ['price'] }, 'price')).toBe(true);
    expect(passes({ anyOf: ['price'] }, 'support')).toBe(false);
    expect(passes({ anyOf: ['price', 'x'] }, ['support', 'x'])).toBe(true);
    expect(passes({ anyOf: ['price'] }, [])).toBe(false);
  });
  it('lets an unanswered question, or a score tested as a choice, pass nothing', () => {
    expect(passes({ max: 6 }, undefined)).toBe(false);
    expect(passes({ anyOf: ['3'] }, 3)).toBe(false);
    expect(passes({ min: 1 }, 'price')).toBe(false);
  });
  it('always holds without a condition', () => expect(holds(undefined, {})).toBe(true));
});

describe('next and path', () => {
  it.each([
    [3, 'sad', 'Sorry — we will do better.'],
    [8, 'meh', undefined],
    [10, 'love', 'Thanks! Review us?'],
  ])('score %i shows its band follow-up and end screen', (score, follow, end) => {
    expect(questions[next(questions, 0, { nps: score })]!.id).toBe(follow);
    expect(ids(path(questions, { nps: score }))).toEqual(['nps', follow, 'topic', 'support', 'plan']);
    expect(endingFor(endings, { nps: score })?.text).toBe(end);
  });
  it('follows skip rules to a later question or the end', () => {
    const a = { nps: 9, love: 'all', topic: 'price' };
    expect(questions[next(questions, 4, a)]!.id).toBe('plan');
    expect(ids(path(questions, a))).toEqual(['nps', 'love', 'topic', 'plan']);
    expect(next(questions, 4, { ...a, topic: 'other' })).toBe(questions.length);
    expect(ids(path(questions, { ...a, topic: 'other' }))).toEqual(['nps', 'love', 'topic']);
    expect(questions[next(questions, 4, { ...a, topic: 'support' })]!.id).toBe('support');
  });
  it('shows every question before a score, and stays linear without logic', () => {
    expect(next(questions, -1, {})).toBe(0);
    const plain = questions.map(({ showIf: _s, skip: _k, ...q }) => q as Question);
    expect(ids(path(plain, {}))).toEqual(ids(questions));
    expect(endingFor([], {})).toBeUndefined();
    expect(endingFor(undefined, {})).toBeUndefined();
  });
});

describe('textFor', () => {
  const q = { text: 'Why?', prompts: [{ id: 'd', showIf: { question: 'nps', max: 6 }, text: 'What disappointed you?' }, { id: 'p', showIf: { question: 'nps', min: 9 }, text: 'What did you love?' }] };
  it('words a question by band, falling back to its text', () => {
    expect(textFor(q, { nps: 3 })).toBe('What disappointed you?');
    expect(textFor(q, { nps: 8 })).toBe('Why?');
    expect(textFor(q, { nps: 10 })).toBe('What did you love?');
    expect(textFor(q, {})).toBe('Why?');
    expect(textFor({ text: 'Plain' }, { nps: 1 })).toBe('Plain');
  });
});

describe('answers under logic', () => {
  it('requires only the questions on the path', () => {
    expect(missingRequired(questions, { nps: 3 })).toEqual(['sad', 'plan']);
    expect(missingRequired(questions, { nps: 3, sad: 'slow', topic: 'other' })).toEqual([]);
  });
  it('finds answers to questions the logic hides', () => {
    expect(hiddenAnswers(questions, { nps: 3, sad: 'slow' })).toEqual([]);
    expect(hiddenAnswers(questions, { nps: 3, love: 'x' })).toEqual(['love']);
    expect(hiddenAnswers(questions, { nps: 9, love: 'x', topic: 'price', support: 'y' })).toEqual(['support']);
  });
  it("keeps every band's follow-up as the response's comment", () => {
    expect(scoreAnswers(questions, { nps: 3, sad: 'slow' }).comment).toBe('slow');
    expect(scoreAnswers(questions, { nps: 8, meh: 'faster' }).comment).toBe('faster');
    expect(scoreAnswers(questions, { nps: 10, love: 'people', support: 'fine' }).comment).toBe('people');
  });
});

describe('assertLogic', () => {
  const code = (qs: Question[], es: Ending[] = []) => {
    try {
      assertLogic(qs, es);
      return null;
    } catch (e) {
      return `${(e as { status: number }).status} ${(e as { code: string }).code}: ${(e as Error).message}`;
    }
  };
  const [nps, sad] = questions as [Question, Question];
  it('accepts sound logic', () => expect(code(questions, endings)).toBeNull());
  it.each<[string, Question[], Ending[]]>([
    ['a condition on a later question', [{ ...nps, showIf: { question: 'sad', anyOf: ['x'] } }, sad], []],
    ['a condition on an unknown question', [nps, { ...sad, showIf: { question: 'nope', max: 6 } }], []],
    ['a range outside the scale', [nps, { ...sad, showIf: { question: 'nps', min: 5, max: 11 } as never }], []],
    ['min above max', [nps, { ...sad, showIf: { question: 'nps', min: 8, max: 6 } }], []],
    ['a test with neither range nor set', [nps, { ...sad, showIf: { question: 'nps' } }], []],
    ['a set on a score', [nps, { ...sad, showIf: { question: 'nps', anyOf: ['a'] } }], []],
    ['a condition on free text', [nps, sad, { ...sad, id: 's2', showIf: { question: 'sad', anyOf: ['a'] } }], []],
    ['an unknown option', [questions[4]!, { ...sad, showIf: { question: 'topic', anyOf: ['nope'] } }], []],
    ['a skip backwards', [nps, { ...questions[4]!, skip: [{ anyOf: ['price'], to: 'nps' }] }], []],
    ['a skip to an unknown question', [{ ...questions[4]!, skip: [{ anyOf: ['price'], to: 'nope' }] }], []],
    ['an ending on an unknown question', [nps], [{ id: 'e', text: 'x', showIf: { question: 'nope', max: 3 } }]],
    ['a band prompt on a later question', [{ ...nps, prompts: [{ id: 'p', showIf: { question: 'sad', anyOf: ['x'] }, text: 'x' }] }, sad], []],
    ['two band prompts with one id', [nps, { ...sad, prompts: [{ id: 'p', showIf: { question: 'nps', max: 1 }, text: 'x' }, { id: 'p', showIf: { question: 'nps', min: 2 }, text: 'y' }] }], []],
    ['two endings with one id', [nps], [{ id: 'e', text: 'x' }, { id: 'e', text: 'y' }]],
  ])('refuses %s', (_, qs, es) => expect(code(qs, es)).toMatch(/^422 invalid_logic: /));
});
