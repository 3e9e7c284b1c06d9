import type { UrlRule } from '../contracts/survey-config';

// When does one survey's URL targeting reach every page another's does? Mirrors the widget's
// matching (widget/eligibility.ts): a value starting with "/" is compared with the path
// (pathname + search) by `exact` and `startsWith`, anything else with the full URL; `contains`
// and `regex` always look at the full URL. Answers are sound, never guessed: "covers" is
// only said when it holds for every page (two regexes are only known equal when written
// alike), so a warning built on it is never a false alarm.

const subject = (r: UrlRule) => (r.match === 'contains' || r.match === 'regex' || r.value[0] !== '/' ? 'href' : 'path');

/** Whether every page matching rule `a` also matches rule `b`. */
export function implies(a: UrlRule, b: UrlRule): boolean {
  if (a.match === b.match && a.value === b.value) return true;
  // Every page `a` matches has `a.value` somewhere in its URL (a path is part of the URL).
  if (b.match === 'contains') return a.match !== 'regex' && a.value.includes(b.value);
  if (b.match === 'startsWith') return (a.match === 'exact' || a.match === 'startsWith') && subject(a) === subject(b) && a.value.startsWith(b.value);
  if (b.match === 'regex' && a.match === 'exact' && subject(a) === 'href') {
    try {
      return new RegExp(b.value).test(a.value);
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Whether targeting `wide` matches every page that targeting `narrow` matches (so, page by
 * page, a survey with `wide` is always a candidate where one with `narrow` is).
 *
 * @example covers([], [{ match: 'contains', value: 'checkout', exclude: false }]) // true: every page
 */
export function covers(wide: readonly UrlRule[], narrow: readonly UrlRule[]): boolean {
  const wideIn = wide.filter((r) => !r.exclude);
  const narrowIn = narrow.filter((r) => !r.exclude);
  const narrowOut = narrow.filter((r) => r.exclude);
  // Each page `wide` leaves out must be one `narrow` leaves out too.
  if (!wide.filter((r) => r.exclude).every((x) => narrowOut.some((y) => implies(x, y)))) return false;
  if (wideIn.length === 0) return true;
  return narrowIn.length > 0 && narrowIn.every((n) => wideIn.some((w) => implies(n, w)));
}

/**
 * The site origins a targeting names outright: full-URL `exact` rules, and `startsWith` rules
 * that go past the host. Others (paths, `contains`, regexes) may match any site.
 */
export function namedOrigins(rules: readonly UrlRule[]): { origins: string[]; anySite: boolean } {
  const include = rules.filter((r) => !r.exclude);
  const origins = new Set<string>();
  let anySite = include.length === 0;
  for (const r of include) {
    const named = (r.match === 'exact' || r.match === 'startsWith') && /^https?:\/\/[^/?#]+[/?#]/i.test(r.match === 'exact' ? `${r.value}/` : r.value);
    if (!named) anySite = true;
    else {
      try {
        origins.add(new URL(r.value).origin);
      } catch {
        anySite = true;
      }
    }
  }
  return { origins: [...origins], anySite };
}
