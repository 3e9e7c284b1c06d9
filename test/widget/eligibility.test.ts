import { describe, expect, it } from 'vitest';
import { blocked, bucket, urlsMatch, type History } from '../../widget/eligibility';
import { isRtl, localize, pickLocale } from '../../widget/ui/i18n';
import type { ClientSurvey } from '../../widget/types';

const page = (url: string) => {
  const u = new URL(url);
  return { href: u.href.split('#')[0]!, path: u.pathname + u.search };
};
const rule = (match: 'exact' | 'contains' | 'startsWith' | 'regex', value: string, exclude = false) => ({ match, value, exclude });

const survey = (over: Partial<ClientSurvey> = {}): ClientSurvey => ({
  id: 'sv_a',
  touchpointId: 'tp_a',
  name: 'A',
  priority: 0,
  defaultLocale: 'en',
  questions: [{ id: 'nps', kind: 'nps', text: 'How likely?', required: true }],
  endings: [],
  targeting: { urls: [], events: [], delaySeconds: 0, samplingPercent: 100 },
  throttling: { displayLimit: 1, recontactDays: null },
  appearance: { position: 'bottom-right', accentColor: '#4f46e5', backgroundColor: '#fff', textColor: '#111', borderRadius: 12 },
  translations: {},
  updatedAt: 0,
  ...over,
});
const none: History = { shown: {}, last: 0 };
const DAY = 86_400_000;

describe('URL rules', () => {
  const p = page('https://app.example.com/checkout/pay?plan=pro#step2');
  it('matches each kind; path-like values compare with path + query, others with the full URL', () => {
    expect(urlsMatch([rule('exact', '/checkout/pay?plan=pro')], p)).toBe(true);
    expect(urlsMatch([rule('exact', '/checkout/pay')], p)).toBe(false);
    expect(urlsMatch([rule('exact', 'https://app.example.com/checkout/pay?plan=pro')], p)).toBe(true); // hash ignored
    expect(urlsMatch([rule('startsWith', '/checkout')], p)).toBe(true);
    expect(urlsMatch([rule('startsWith', 'https://app.example.com/check')], p)).toBe(true);
    expect(urlsMatch([rule('contains', 'plan=pro')], p)).toBe(true);
    expect(urlsMatch([rule('regex', '/checkout/\\w+\\?')], p)).toBe(true);
    expect(urlsMatch([rule('regex', '(')], p)).toBe(false); // invalid pattern: no match, no throw
  });
  it('no include rule means every page; any include may match; any exclude wins', () => {
    expect(urlsMatch([], p)).toBe(true);
    expect(urlsMatch([rule('contains', 'nope'), rule('contains', 'pay')], p)).toBe(true);
    expect(urlsMatch([rule('contains', 'checkout'), rule('contains', 'plan=pro', true)], p)).toBe(false);
    expect(urlsMatch([rule('contains', 'admin', true)], p)).toBe(true);
  });
});

describe('eligibility', () => {
  const p = page('https://x.example/');
  it('samples stably per respondent and survey, close to the requested share', () => {
    expect(bucket('anon:sv_a')).toBe(bucket('anon:sv_a'));
    const inside = Array.from({ length: 10_000 }, (_, i) => bucket(`r${i}:sv_a`) < 30).filter(Boolean).length;
    expect(inside).toBeGreaterThan(2800);
    expect(inside).toBeLessThan(3200);
    expect(blocked(survey({ targeting: { urls: [], events: [], delaySeconds: 0, samplingPercent: 0 } }), p, 'r', none, 14, Date.now())).toMatch(/sample/);
  });
  it('applies the display limit and the recontact period (survey override, else the workspace’s)', () => {
    const now = 100 * DAY;
    const seen: History = { shown: { sv_a: [1, now - 3 * DAY] }, last: now - 3 * DAY };
    expect(blocked(survey(), p, 'r', seen, 14, now)).toMatch(/display limit/);
    const twice = survey({ throttling: { displayLimit: 2, recontactDays: null } });
    expect(blocked(twice, p, 'r', seen, 14, now)).toMatch(/recontact period \(14 d\)/);
    expect(blocked(twice, p, 'r', seen, 2, now)).toBe('');
    expect(blocked(survey({ throttling: { displayLimit: 2, recontactDays: 1 } }), p, 'r', seen, 14, now)).toBe('');
    // Another survey shown yesterday uses up the contact budget for this one too.
    expect(blocked(survey({ id: 'sv_b' }), p, 'r', { shown: {}, last: now - DAY }, 14, now)).toMatch(/recontact/);
  });
});

describe('locale', () => {
  const s = survey({ defaultLocale: 'en', translations: { de: { questions: { nps: { text: 'Wie wahrscheinlich?' } }, strings: { next: 'Weiter' } }, 'pt-BR': { questions: {}, strings: {} } } });
  it('matches the browser languages exactly, then by language, else the default', () => {
    expect(pickLocale(s, ['de-AT', 'en'])).toBe('de');
    expect(pickLocale(s, ['pt-br'])).toBe('pt-BR');
    expect(pickLocale(s, ['fr'])).toBe('en');
  });
  it('translates questions and UI strings, and knows right-to-left scripts', () => {
    const { questions, str } = localize(s, 'de');
    expect(questions[0]!.text).toBe('Wie wahrscheinlich?');
    expect([str('next'), str('skip')]).toEqual(['Weiter', 'Skip']);
    expect(['ar', 'he-IL', 'fa', 'ur'].every(isRtl)).toBe(true);
    expect(isRtl('en')).toBe(false);
  });
});
