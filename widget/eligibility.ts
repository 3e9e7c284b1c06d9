import type { ClientSurvey } from './types';

type UrlRule = ClientSurvey['targeting']['urls'][number];
const DAY = 86_400_000;

/** The page as rules see it: `href` without the hash, `path` = pathname + search. */
export interface Page {
  href: string;
  path: string;
}

function matches(rule: UrlRule, page: Page): boolean {
  const v = rule.value;
  // Values written as a path ("/pricing") compare with the path, others with the full URL.
  const s = v[0] === '/' ? page.path : page.href;
  if (rule.match === 'exact') return s === v;
  if (rule.match === 'startsWith') return s.startsWith(v);
  if (rule.match === 'contains') return page.href.includes(v);
  try {
    return new RegExp(v).test(page.href);
  } catch {
    return false; // an invalid pattern matches nothing rather than throwing into the host
  }
}

/**
 * Any matching exclude rule hides the survey; otherwise one include rule must match (no
 * include rules: every page).
 *
 * @example urlsMatch([{ match: 'contains', value: 'checkout', exclude: false }], page)
 */
export function urlsMatch(rules: readonly UrlRule[], page: Page): boolean {
  if (rules.some((r) => r.exclude && matches(r, page))) return false;
  const include = rules.filter((r) => !r.exclude);
  return include.length === 0 || include.some((r) => matches(r, page));
}

/** A stable number in [0, 100) per respondent and survey (FNV-1a), so sampling is not re-rolled per page. */
export function bucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h >>> 0) / 2 ** 32) * 100;
}

/** What the loader remembers about one respondent. */
export interface History {
  /** surveyId → [times shown, last shown at (ms)] */
  shown: Record<string, [number, number]>;
  /** Last time any survey of the workspace was shown (the contact budget). */
  last: number;
}

/**
 * Why a survey may not show now, or '' when it may (events, delay and priority are the
 * loader's business).
 */
export function blocked(s: ClientSurvey, page: Page, who: string, h: History, recontactDays: number, now: number): string {
  if (!urlsMatch(s.targeting.urls, page)) return 'URL rules do not match';
  if (bucket(`${who}:${s.id}`) >= s.targeting.samplingPercent) return `not in the ${s.targeting.samplingPercent}% sample`;
  const n = h.shown[s.id]?.[0] ?? 0;
  if (n >= s.throttling.displayLimit) return `display limit reached (${n})`;
  const days = s.throttling.recontactDays ?? recontactDays;
  if (now - h.last < days * DAY) return `recontact period (${days} d) not over`;
  return '';
}
