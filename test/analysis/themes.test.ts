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

  it('finds the topics of the corpus with readable labels and keywords', () => {
    expect(themes.length).toBeGreaterThanOrEqual(3);
    const labels = themes.map((t) => t.label).join(' | ');
    expect(labels).toMatch(/card payment|declined/);
    expect(labels).toMatch(/refund/);
    expect(labels).toMatch(/customer support|support/);
    for (const t of themes) {
      expect(t.key).toMatch(/^[a-z0-9-]+$/);
      expect(t.keywords.length).toBeGreaterThan(0);
      expect(t.keywords).toContain(t.label);
    }
  });

  it('prefers phrases to lone words and never labels a theme with a stop word', () => {
    expect(themes.some((t) => t.label.includes(' '))).toBe(true);
    for (const t of themes) expect(['the', 'my', 'for', 'when', 'why', 'again']).not.toContain(t.label);
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

describe('readablePhrase', () => {
  it('accepts noun phrases and rejects verbs, adverbs, numbers and opinion words as labels', async () => {
    const { readablePhrase } = await import('../../server/analysis/theme-terms.js');
    for (const ok of [['support', 'response', 'time'], ['card', 'payment'], ['verification', 'email'], ['delayed', 'flight'], ['shipping']]) {
      expect(readablePhrase(ok)).toBe(true);
    }
    for (const bad of [['took', 'four'], ['happened'], ['pleasantly', 'surprised'], ['trial', 'needs'], ['worst', 'customer', 'service'], ['charged']]) {
      expect(readablePhrase(bad)).toBe(false);
    }
  });
});
