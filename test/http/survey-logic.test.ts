import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
let pub: ReturnType<typeof client>;
let touchpointId: string;
let surveyId: string;

const post = (body: unknown) => pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' });

const questions = [
  { id: 'nps', kind: 'nps', text: 'Recommend us?', required: true },
  { id: 'sad', kind: 'text', text: 'What disappointed you?', required: true, showIf: { question: 'nps', max: 6 } },
  { id: 'meh', kind: 'text', text: 'What would make it a 10?', showIf: { question: 'nps', min: 7, max: 8 } },
  { id: 'love', kind: 'text', text: 'What did you love?', showIf: { question: 'nps', min: 9 } },
  {
    id: 'topic',
    kind: 'choice',
    text: 'What is it about?',
    options: [{ id: 'price', label: 'Price' }, { id: 'support', label: 'Support' }],
    skip: [{ anyOf: ['price'], to: '$end' }],
  },
  { id: 'agent', kind: 'text', text: 'Who helped you?', required: true },
];
const endings = [
  { id: 'sorry', showIf: { question: 'nps', max: 6 }, text: 'Sorry to hear that.' },
  { id: 'review', showIf: { question: 'nps', min: 9 }, text: 'Would you review us?', linkUrl: 'https://example.com/review', linkLabel: 'Review' },
];

beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  pub = client(server.baseUrl, null);
  touchpointId = (await api('POST', '/api/v1/touchpoints', { name: 'Logic test' })).body.id;
  const s = await api('POST', '/api/v1/surveys', { touchpointId, name: 'Logic', status: 'active', questions, endings, translations: { de: { endings: { sorry: { text: 'Das tut uns leid.' } } } } });
  expect(s.status).toBe(201);
  surveyId = s.body.id;
});
afterAll(() => server?.dispose());

describe(`survey logic on ${runtime}`, () => {
  it('stores the logic and serves it, translations included, to the widget', async () => {
    const got = await api('GET', `/api/v1/surveys/${surveyId}`);
    expect(got.body.questions[1].showIf).toEqual({ question: 'nps', max: 6 });
    expect(got.body.questions[4].skip).toEqual([{ anyOf: ['price'], to: '$end' }]);
    expect(got.body.endings).toEqual(endings);
    const client = await pub('GET', '/api/v1/client/pk_demo/surveys');
    const served = client.body.surveys.find((s: { id: string }) => s.id === surveyId);
    expect(served.endings).toEqual(endings);
    expect(served.questions[3].showIf).toEqual({ question: 'nps', min: 9 });
    expect(served.translations.de.endings.sorry.text).toBe('Das tut uns leid.');
  });

  it("serves the demo NPS surveys' follow-up worded by band, and their end screens", async () => {
    const client = await pub('GET', '/api/v1/client/pk_demo/surveys');
    const support = client.body.surveys.find((s: { id: string }) => s.id === 'sv_support');
    const comment = support.questions.find((q: { id: string }) => q.id === 'comment');
    expect(comment.prompts.map((p: { text: string }) => p.text)).toEqual(['What disappointed you?', 'What would make it a 10?', 'What did you love?']);
    expect(support.endings.map((e: { id: string }) => e.id)).toEqual(['detractor', 'promoter']);
    // A worded follow-up is shown in every band, so its answer is the comment whatever the score.
    const id = newResponseId();
    expect((await post({ id, surveyId: 'sv_support', answers: { nps: 10, comment: 'Fast and friendly' }, complete: true })).status).toBe(200);
    expect((await api('GET', `/api/v1/responses/${id}`)).body.comment).toBe('Fast and friendly');
  });

  it('a survey without logic has no end screens and works as before', async () => {
    const s = await api('POST', '/api/v1/surveys', { touchpointId, name: 'Plain', status: 'active', questions: [{ id: 'nps', kind: 'nps', text: 'Recommend?' }, { id: 'why', kind: 'text', text: 'Why?', required: true }] });
    expect(s.body.endings).toEqual([]);
    const id = newResponseId();
    expect((await post({ id, surveyId: s.body.id, answers: { nps: 3 }, complete: true })).body.error.code).toBe('missing_required');
    expect((await post({ id, surveyId: s.body.id, answers: { nps: 3, why: 'slow' }, complete: true })).status).toBe(200);
  });

  it.each([
    ['a condition on a later question', { questions: [{ ...questions[0], showIf: { question: 'sad', anyOf: ['a'] } }, questions[1]] }],
    ['min above max', { questions: [questions[0], { ...questions[1], showIf: { question: 'nps', min: 8, max: 6 } }] }],
    ['a choice tested with an unknown option', { questions: [questions[4], { ...questions[5], showIf: { question: 'topic', anyOf: ['nope'] } }] }],
    ['a skip rule to an earlier question', { questions: [questions[0], { ...questions[4], skip: [{ anyOf: ['price'], to: 'nps' }] }] }],
    ['an end screen on an unknown question', { questions: [questions[0]], endings: [{ id: 'e', text: 'x', showIf: { question: 'nope', max: 2 } }] }],
  ])('refuses a survey with %s', async (_, body) => {
    const res = await api('POST', '/api/v1/surveys', { touchpointId, name: 'Bad logic', ...body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_logic');
  });

  it.each([
    ['a score range outside every scale', { questions: [questions[0], { ...questions[1], showIf: { question: 'nps', min: 11 } }] }],
    ['an end screen link that is not http(s)', { questions: [questions[0]], endings: [{ id: 'e', text: 'x', linkUrl: 'javascript:alert(1)' }] }],
    ['a skip rule without a target', { questions: [{ ...questions[4], skip: [{ anyOf: ['price'] }] }] }],
  ])('refuses a malformed survey with %s', async (_, body) => {
    const res = await api('POST', '/api/v1/surveys', { touchpointId, name: 'Bad logic', ...body });
    expect(res.status).toBe(400);
  });

  it('checks a patch of the questions against the stored end screens', async () => {
    const res = await api('PATCH', `/api/v1/surveys/${surveyId}`, { questions: [{ id: 'csat', kind: 'csat', text: 'Satisfied?' }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_logic');
    expect(res.body.error.details.map((d: { at: string }) => d.at)).toContain('endings.sorry.showIf');
  });

  it.each([
    [3, 'sad'],
    [8, 'meh'],
    [10, 'love'],
  ])("accepts the band follow-up of %i as the response's comment", async (score, follow) => {
    const id = newResponseId();
    const res = await post({ id, surveyId, answers: { nps: score, [follow]: `because ${score}`, topic: 'price' }, complete: true });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('complete');
    const got = await api('GET', `/api/v1/responses/${id}`);
    expect(got.body.comment).toBe(`because ${score}`);
  });

  it('refuses an answer to the follow-up of another band, also when the score came first', async () => {
    const res = await post({ id: newResponseId(), surveyId, answers: { nps: 3, love: 'great' } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'hidden_by_logic', details: { questions: ['love'] } });
    const id = newResponseId();
    expect((await post({ id, surveyId, answers: { nps: 10 } })).status).toBe(200);
    const later = await post({ id, surveyId, answers: { sad: 'nothing' } });
    expect(later.status).toBe(422);
    expect(later.body.error.code).toBe('hidden_by_logic');
    // The band's own follow-up, posted on its own after the score, is taken.
    expect((await post({ id, surveyId, answers: { love: 'the people' } })).status).toBe(200);
  });

  it('refuses an answer to a question a skip rule jumps over, and does not require it', async () => {
    const skipped = await post({ id: newResponseId(), surveyId, answers: { nps: 9, love: 'x', topic: 'price', agent: 'Ann' } });
    expect(skipped.status).toBe(422);
    expect(skipped.body.error.details.questions).toEqual(['agent']);
    // `agent` is required, but the skip rule ends the survey before it; `sad` is required but hidden.
    expect((await post({ id: newResponseId(), surveyId, answers: { nps: 9, topic: 'price' }, complete: true })).status).toBe(200);
    const support = await post({ id: newResponseId(), surveyId, answers: { nps: 9, topic: 'support' }, complete: true });
    expect(support.status).toBe(422);
    expect(support.body.error).toMatchObject({ code: 'missing_required', details: { questions: ['agent'] } });
  });

  it('requires the shown band follow-up when it is required', async () => {
    const res = await post({ id: newResponseId(), surveyId, answers: { nps: 2, topic: 'price' }, complete: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'missing_required', details: { questions: ['sad'] } });
  });
});
