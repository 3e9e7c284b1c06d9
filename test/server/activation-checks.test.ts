import { describe, expect, it } from 'vitest';
import { covers, implies, namedOrigins } from '../../server/activation/url-coverage';
import { activationChecks, outranking, type CheckedSurvey } from '../../server/activation/checks';
import { targeting, throttling, type UrlRule } from '../../server/contracts/survey-config';

const rule = (match: UrlRule['match'], value: string, exclude = false): UrlRule => ({ match, value, exclude });
let n = 0;
const survey = (o: { priority?: number; urls?: UrlRule[]; events?: string[]; sampling?: number; createdAt?: number }): CheckedSurvey => ({
  id: `sv_${n++}`,
  name: `S${n}`,
  priority: o.priority ?? 0,
  createdAt: o.createdAt ?? n,
  targeting: targeting.parse({ urls: o.urls ?? [], events: o.events ?? [], samplingPercent: o.sampling ?? 100 }),
  throttling: throttling.parse({}),
});

describe('URL coverage (as widget/eligibility.ts matches)', () => {
  it('knows which rules imply which', () => {
    expect(implies(rule('exact', '/checkout/done'), rule('contains', 'checkout'))).toBe(true);
    expect(implies(rule('startsWith', '/checkout'), rule('contains', 'checkout'))).toBe(true);
    expect(implies(rule('startsWith', '/check'), rule('contains', 'checkout'))).toBe(false);
    expect(implies(rule('startsWith', '/checkout/thanks'), rule('startsWith', '/checkout'))).toBe(true);
    // A path rule and a full-URL rule look at different strings.
    expect(implies(rule('startsWith', 'https://a.example/checkout'), rule('startsWith', '/checkout'))).toBe(false);
    expect(implies(rule('exact', 'https://a.example/x'), rule('regex', '^https://a\\.'))).toBe(true);
    expect(implies(rule('regex', 'checkout'), rule('contains', 'checkout'))).toBe(false);
    expect(implies(rule('contains', 'checkout'), rule('exact', '/checkout'))).toBe(false);
  });

  it('covers only what holds on every page, exclusions included', () => {
    expect(covers([], [rule('contains', 'x')])).toBe(true);
    expect(covers([rule('contains', 'x')], [])).toBe(false);
    expect(covers([rule('contains', 'checkout')], [rule('exact', '/checkout'), rule('startsWith', '/checkout/')])).toBe(true);
    expect(covers([rule('contains', 'checkout')], [rule('exact', '/checkout'), rule('exact', '/cart')])).toBe(false);
    // The wide one leaves out pages the narrow one does not.
    expect(covers([rule('contains', 'checkout'), rule('contains', 'beta', true)], [rule('contains', 'checkout')])).toBe(false);
    expect(covers([rule('contains', 'checkout'), rule('contains', 'beta', true)], [rule('contains', 'checkout'), rule('contains', 'beta', true)])).toBe(true);
  });

  it('names the sites of full-URL rules only', () => {
    expect(namedOrigins([rule('exact', 'https://shop.example/cart'), rule('startsWith', 'https://shop.example/')])).toEqual({ origins: ['https://shop.example'], anySite: false });
    expect(namedOrigins([rule('startsWith', 'https://shop.ex'), rule('contains', 'x')]).anySite).toBe(true);
    expect(namedOrigins([]).anySite).toBe(true);
  });
});

describe('outranking (widget/loader.ts evaluate)', () => {
  it('on page load: a higher priority wins, and on a tie the older survey', () => {
    const old = survey({ priority: 2, urls: [rule('contains', 'checkout')], createdAt: 1 });
    expect(outranking(survey({ priority: 1, urls: [rule('contains', 'checkout')] }), [old])).toHaveLength(1);
    expect(outranking(survey({ priority: 2, urls: [rule('contains', 'checkout')], createdAt: 5 }), [old])).toHaveLength(1);
    expect(outranking(survey({ priority: 2, urls: [rule('contains', 'checkout')], createdAt: 0 }), [old])).toEqual([]);
    expect(outranking(survey({ priority: 3, urls: [rule('contains', 'checkout')] }), [old])).toEqual([]);
    // Sampled: the rest of the respondents can see the other survey.
    expect(outranking(survey({ priority: 1, urls: [rule('contains', 'checkout')] }), [{ ...old, targeting: { ...old.targeting, samplingPercent: 99 } }])).toEqual([]);
  });

  it('a page-load survey takes the page before an event survey, whatever the priorities', () => {
    const onLoad = survey({ priority: -5, urls: [rule('contains', 'checkout')] });
    const [c] = outranking(survey({ priority: 100, urls: [rule('startsWith', '/checkout')], events: ['paid'] }), [onLoad]);
    expect(c?.kind === 'outranked' && c.surveys.map((s) => s.id)).toEqual([onLoad.id]);
  });

  it('among event surveys, only when every trigger has a winner', () => {
    const paid = survey({ priority: 5, events: ['paid'] });
    expect(outranking(survey({ events: ['paid'] }), [paid])).toHaveLength(1);
    expect(outranking(survey({ events: ['paid', 'refunded'] }), [paid])).toEqual([]);
    // An event survey does not compete on page load.
    expect(outranking(survey({}), [paid])).toEqual([]);
  });

  it('adds origin and event checks', () => {
    const s = survey({ urls: [rule('exact', 'https://shop.example/x')], events: ['paid'] });
    expect(activationChecks(s, [], ['http://localhost:*'], ['pad']).map((c) => c.kind)).toEqual(['origin_not_allowed', 'event_never_seen']);
    expect(activationChecks(s, [], ['https://*.example', 'https://shop.example'], ['paid'])).toEqual([]);
  });
});
