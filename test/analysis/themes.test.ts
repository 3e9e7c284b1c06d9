import { describe, expect, it } from 'vitest';
import { discoverThemes, assignThemes, type ThemeDefinition } from '../../server/analysis/index.js';

const corpus = [
  ...Array.from({ length: 12 }, (_, i) => [
    `My card payment was declined at the shop ${i}`,
    `Card payment declined again when paying online`,
    `Why was my card payment declined today`,
  ][i % 3] as string),
  ...Array.from({ length: 12 }, (_, i) => [
    `Still waiting for my refund after ${i + 2} weeks`,
    `When will I get my refund for the returned order`,
    `Refund not received for the cancelled order`,
  ][i % 3] as string),
  ...Array.from({ length: 12 }, (_, i) => [
    `Customer support never answers the phone`,
    `Customer support kept me on hold for ${i + 1} hours`,
    `Nobody from customer support replied to my email`,
  ][i % 3] as string),
];

describe('discoverThemes', () => {
  const themes = discoverThemes(corpus);

  it('names what the corpus talks about with the codeframe, in two levels', () => {
    const labels = themes.map((t) => t.label);
    expect(labels).toEqual(expect.arrayContaining(['Billing errors', 'Refunds']));
    expect(labels.some((l) => /^(Customer service|Support response time)$/.test(l))).toBe(true);
    for (const t of themes) {
      expect(t.key).toMatch(/^[a-z0-9-]+$/);
      expect(t.keywords.length).toBeGreaterThan(0);
      expect(t.category).toBeTruthy();
      // Sentence case, never a lone generic or a stop word.
      expect(t.label).toMatch(/^[A-Z]/);
      expect(['Service', 'Product', 'Account', 'People', 'Time', 'Issue', 'The', 'My']).not.toContain(t.label);
      expect(t.verbatims?.length ?? 0).toBeLessThanOrEqual(3);
      for (const v of t.verbatims ?? []) expect(corpus).toContain(v);
    }
    const refunds = themes.find((t) => t.key === 'refunds');
    expect(refunds?.category).toBe('Price and value');
    expect(refunds?.verbatims?.length).toBeGreaterThan(0);
  });

  it('covers most comments', () => {
    const covered = corpus.filter((c) => assignThemes(c, themes).length > 0).length;
    expect(covered / corpus.length).toBeGreaterThanOrEqual(0.8);
  });

  it('is deterministic and respects maxThemes', () => {
    expect(discoverThemes(corpus)).toEqual(themes);
    expect(discoverThemes(corpus, { maxThemes: 2 }).length).toBeLessThanOrEqual(2);
    expect(discoverThemes([])).toEqual([]);
    expect(discoverThemes(['', '   '])).toEqual([]);
  });

  it('groups words by meaning, not spelling', () => {
    const travel = [
      ...Array.from({ length: 6 }, (_, i) => `They lost my luggage on flight ${i}`),
      ...Array.from({ length: 6 }, (_, i) => `My baggage never showed up, day ${i}`),
      ...Array.from({ length: 6 }, (_, i) => `Suitcase came back ripped after trip ${i}`),
      ...Array.from({ length: 6 }, (_, i) => `Waited ${i + 2} hours in the queue at the gate`),
    ];
    const found = discoverThemes(travel);
    const first = (t: string) => assignThemes(t, found)[0]?.label;
    expect(first('They lost my luggage')).toBe('Luggage');
    expect(first('My baggage never showed up')).toBe('Luggage');
    expect(first('Suitcase came back ripped')).toBe('Luggage');
    expect(first('Waited 2 hours in the queue')).toBe('Waiting times');
  });

  it('keeps at least 90 % of theme keys when 10 % more comments arrive', async () => {
    const { topicsByTouchpoint, writeComment } = await import('../../server/seed/comments.js');
    const { prng } = await import('../../server/seed/prng.js');
    const rand = prng(7);
    const topics = Object.values(topicsByTouchpoint).flat();
    const write = () => writeComment(rand, topics[Math.floor(rand() * topics.length)]!, rand() * 2 - 1, undefined);
    const base = Array.from({ length: 2000 }, write);
    const more = [...base, ...Array.from({ length: 200 }, write)];
    const before = new Set(discoverThemes(base).map((t) => t.key));
    const after = new Set(discoverThemes(more).map((t) => t.key));
    const kept = [...before].filter((k) => after.has(k)).length;
    expect(kept / before.size).toBeGreaterThanOrEqual(0.9);
  });
});

describe('aspect sentiment', () => {
  const themes = discoverThemes([
    ...Array.from({ length: 5 }, () => 'Support response time is slow'),
    ...Array.from({ length: 5 }, () => 'The agent was knowledgeable'),
  ]);

  it('gives each theme the sentiment of the clause that mentions it', () => {
    const matches = assignThemes('Support response time is way too slow, but Sarah from support was knowledgeable and kind', themes);
    const of = (key: string) => matches.find((m) => m.key === key);
    expect(of('support-response-time')?.sentiment).toBeLessThan(0);
    expect(of('staff-knowledge')?.sentiment).toBeGreaterThan(0);
    for (const m of matches) {
      expect(m.source).toBe('keywords');
      expect(m.confidence).toBeGreaterThan(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('learned themes', () => {
  it('assigns a theme taught by about ten examples to comments its keywords miss', async () => {
    const { trainThemeModel } = await import('../../server/analysis/index.js');
    const examples = [
      'The app logs me out every few minutes', 'I get logged out constantly', 'Keeps signing me out of my session',
      'Session expires far too quickly', 'Why does it log me out all the time', 'Logged out again in the middle of work',
      'It forgets my login every day', 'Constantly kicked out of the app', 'I have to sign back in all the time',
      'Auto logout is far too aggressive',
    ].map((text) => ({ text, themes: ['session-timeouts'] }));
    const others = ['Great prices this month', 'The delivery was fast', 'Lovely staff at the desk', 'Refund arrived quickly', 'The new dashboard is nice', 'Checkout was easy', 'Food was cold', 'Parking was full', 'Cleaner rooms please', 'Menu is too short']
      .map((text) => ({ text, themes: ['other'] }));
    const model = trainThemeModel([...examples, ...others]);
    const themes: ThemeDefinition[] = [{ key: 'session-timeouts', label: 'Session timeouts', keywords: [] }];
    const [match] = assignThemes('It keeps logging me out', themes, { model });
    expect(match).toMatchObject({ key: 'session-timeouts', label: 'Session timeouts', source: 'learned' });
    expect(match?.confidence).toBeGreaterThan(0.5);
    expect(assignThemes('The prices are great', themes, { model }).map((m) => m.key)).not.toContain('session-timeouts');
    // JSON round trip: a stored model works as well as a fresh one.
    expect(assignThemes('It keeps logging me out', themes, { model: JSON.parse(JSON.stringify(model)) })[0]?.key).toBe('session-timeouts');
  });
});

describe('assignThemes', () => {
  const themes: ThemeDefinition[] = [
    { key: 'refund', label: 'refund', keywords: ['refund', 'money back'] },
    { key: 'card-payment', label: 'card payment', keywords: ['card payment', 'declined'] },
    { key: 'top-up', label: 'top up', keywords: ['top up'] },
  ];

  it('returns the matched keywords as the explanation, matching inflected forms', () => {
    const [match] = assignThemes('Two refunds and still no money back!', themes);
    expect(match?.key).toBe('refund');
    expect(match?.keywords).toEqual(expect.arrayContaining(['refund', 'money back']));
  });

  it('puts the best match first and can return several themes', () => {
    expect(assignThemes('My card payment was declined, I want a refund', themes)[0]?.key).toBe('card-payment');
    const matches = assignThemes('Card payment declined and no refund, I want my money back', themes);
    expect(matches.map((m) => m.key).sort()).toEqual(['card-payment', 'refund']);
  });

  it('matches keywords that contain stop words', () => {
    expect(assignThemes('I cannot top up my account', themes)[0]?.key).toBe('top-up');
  });

  it('returns nothing for empty or unrelated text', () => {
    expect(assignThemes('', themes)).toEqual([]);
    expect(assignThemes('lovely weather', themes)).toEqual([]);
    expect(assignThemes('refund', [])).toEqual([]);
  });
});

