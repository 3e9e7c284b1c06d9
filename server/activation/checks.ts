import type { Targeting, Throttling } from '../contracts/survey-config';
import { originAllowed } from '../middleware/origins';
import type { ActivationCheck } from '../schemas/activation';
import { covers, namedOrigins } from './url-coverage';

/** What the checks need to know of a survey. */
export interface CheckedSurvey {
  id: string;
  name: string;
  priority: number;
  createdAt: number;
  targeting: Targeting;
  throttling: Throttling;
}


/**
 * Whether `w` is picked before `s` when both are candidates: the widget keeps the first
 * survey of the list (oldest first, then by id, as the server lists them) unless a later one
 * has a strictly higher priority.
 */
const ranksAbove = (w: CheckedSurvey, s: CheckedSurvey) =>
  w.priority !== s.priority ? w.priority > s.priority : w.createdAt !== s.createdAt ? w.createdAt < s.createdAt : w.id < s.id;

/** `w` is a candidate on every page `s` is (same pages, whole sample). */
const everywhere = (w: CheckedSurvey, s: CheckedSurvey) => w.targeting.samplingPercent >= 100 && covers(w.targeting.urls, s.targeting.urls);

const names = (list: CheckedSurvey[]) => list.map((w) => `“${w.name}”`).join(', ');
const until = (list: CheckedSurvey[]) =>
  `A respondent sees this survey only after ${names(list)} ${list.length > 1 ? 'have reached their display limits' : `has reached its display limit (${list[0]!.throttling.displayLimit})`} and the recontact period has passed.`;

/**
 * The active surveys that always show before `s` (widget/loader.ts `evaluate`): one survey per
 * page, so a survey shown on page load (no events) takes the page before any `track` event,
 * whatever the priorities; among surveys waiting for the same event, or among page-load
 * surveys, the higher priority wins, and on equal priority the older. Per event of `s` (or
 * for page load): the winners, only when every trigger of `s` has one.
 */
export function outranking(s: CheckedSurvey, active: readonly CheckedSurvey[]): ActivationCheck[] {
  const others = active.filter((w) => w.id !== s.id && everywhere(w, s));
  const onLoad = others.filter((w) => w.targeting.events.length === 0);
  if (s.targeting.events.length === 0) {
    const winners = onLoad.filter((w) => ranksAbove(w, s));
    if (!winners.length) return [];
    return [{ kind: 'outranked', event: null, surveys: winners.map(({ id, name }) => ({ id, name })), message: `${names(winners)} always shows first: ${winners.length > 1 ? 'they target' : 'it targets'} every page this survey does, with a higher priority${winners.some((w) => w.priority === s.priority) ? ' or the same priority and an earlier start' : ''}. ${until(winners)}` }];
  }
  if (onLoad.length) {
    return [{ kind: 'outranked', event: null, surveys: onLoad.map(({ id, name }) => ({ id, name })), message: `${names(onLoad)} opens on page load on every page this survey does, so when the page sends ${s.targeting.events.map((e) => `“${e}”`).join(' or ')} a survey is already showing (whatever the priorities). ${until(onLoad)}` }];
  }
  const perEvent = s.targeting.events.map((event) => ({ event, winners: others.filter((w) => w.targeting.events.includes(event) && ranksAbove(w, s)) }));
  if (!perEvent.every((e) => e.winners.length)) return [];
  return perEvent.map(({ event, winners }) => ({ kind: 'outranked', event, surveys: winners.map(({ id, name }) => ({ id, name })), message: `On “${event}”, ${names(winners)} always shows first: same event, every page this survey targets, higher priority${winners.some((w) => w.priority === s.priority) ? ' or the same and an earlier start' : ''}. ${until(winners)}` }));
}

/** Sites the survey names that the workspace's allowed origins refuse (or no allowed origin at all). */
export function originChecks(s: CheckedSurvey, allowedOrigins: readonly string[]): ActivationCheck[] {
  if (allowedOrigins.length === 0) {
    return [{ kind: 'origin_not_allowed', origin: null, message: 'The workspace has no allowed origins, so the widget is refused on every site: add your site under Settings → Allowed origins.' }];
  }
  return namedOrigins(s.targeting.urls)
    .origins.filter((o) => !originAllowed(o, allowedOrigins))
    .map((origin) => ({ kind: 'origin_not_allowed' as const, origin, message: `The URL rules name ${origin}, which is not an allowed origin: the widget is refused there. Add it under Settings → Allowed origins.` }));
}

/** Trigger events the widget has never reported (90 days), with the names it did see. */
export function eventChecks(s: CheckedSurvey, seen: readonly string[]): ActivationCheck[] {
  const known = new Set(seen);
  return s.targeting.events
    .filter((e) => !known.has(e))
    .map((event) => ({
      kind: 'event_never_seen' as const,
      event,
      seenEvents: seen.slice(0, 10),
      message: `No page has sent the event “${event}” (chorus('track', '${event}')) in the last 90 days${seen.length ? `; seen: ${seen.slice(0, 5).map((e) => `“${e}”`).join(', ')}` : ''}.`,
    }));
}

/** Everything that would keep `s` from showing as intended once active. */
export function activationChecks(s: CheckedSurvey, active: readonly CheckedSurvey[], allowedOrigins: readonly string[], seenEvents: readonly string[]): ActivationCheck[] {
  return [...outranking(s, active), ...originChecks(s, allowedOrigins), ...eventChecks(s, seenEvents)];
}
