import type { Autopilot, AutopilotMembership, Contact, ResponseRow, Survey } from '../../db/schema';
import type { NpsCounts } from '../metrics/nps';
import { nps } from '../metrics/nps';

// Delighted's documented shapes: ids as strings, times as Unix seconds, snake_case fields.
const seconds = (ms: number) => Math.floor(ms / 1000);
const secondsOrNull = (ms: number | null) => (ms === null ? null : seconds(ms));
const none: string[] = [];

export const person = (c: Contact) => ({ id: c.id, email: c.email, name: c.name, phone_number: null, created_at: seconds(c.createdAt) });

export const surveyResponse = (r: ResponseRow, c: Contact | null, o: { expandPerson: boolean; baseUrl: string }) => ({
  id: r.id,
  person: o.expandPerson && c ? person(c) : (c?.id ?? null),
  survey_type: 'nps' as const,
  score: r.nps,
  comment: r.comment,
  permalink: `${o.baseUrl}/api/v1/responses/${encodeURIComponent(r.id)}`,
  created_at: seconds(r.createdAt),
  updated_at: seconds(r.updatedAt),
  person_properties: r.attributes,
  notes: none,
  tags: none,
  additional_answers: none,
});

const percent = (part: number, n: number) => (n > 0 ? Math.round((10_000 * part) / n) / 100 : 0);

/** `GET /metrics`: NPS rounded to a whole number as Delighted showed it; percents to two decimals. */
export const metrics = (c: NpsCounts) => ({
  nps: c.n > 0 ? Math.round(nps(c)!) : 0,
  promoter_count: c.promoters,
  promoter_percent: percent(c.promoters, c.n),
  passive_count: c.passives,
  passive_percent: percent(c.passives, c.n),
  detractor_count: c.detractors,
  detractor_percent: percent(c.detractors, c.n),
  response_count: c.n,
});

export const unsubscribe = (c: Contact) => ({ person_id: c.id, email: c.email, name: c.name, unsubscribed_at: secondsOrNull(c.unsubscribedAt) });
export const bounce = (c: Contact) => ({ person_id: c.id, email: c.email, name: c.name, bounced_at: secondsOrNull(c.suppressedAt) });

const DAY_S = 86_400;
/** `GET /autopilot/email`: a survey without an autopilot shows as inactive at the 90-day default. */
export const autopilotConfig = (a: Autopilot | undefined, survey: Survey, defaultDays: number) => ({
  platform_id: 'email' as const,
  active: a?.active ?? false,
  frequency: Math.round((a?.frequencyDays ?? defaultDays) * DAY_S),
  created_at: seconds(a?.createdAt ?? survey.createdAt),
  updated_at: seconds(a?.updatedAt ?? survey.updatedAt),
});

export const membership = (m: AutopilotMembership, c: Contact) => ({
  created_at: seconds(m.createdAt),
  updated_at: seconds(m.updatedAt),
  person: person(c),
  next_survey_request: { id: m.nextRequestId, created_at: seconds(m.updatedAt), survey_scheduled_at: seconds(m.nextSurveyAt), properties: m.properties },
});
