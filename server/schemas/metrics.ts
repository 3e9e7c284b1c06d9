import { z } from 'zod';
import { slugId } from '../contracts/survey-config';
import { isTimeZone, parseIsoDate } from '../metrics/time-zone';
import { breakdownMetrics } from '../metrics/breakdown';
import { attributeFilterHint, attributePattern } from './attribute-pattern';

const isoDay = z
  .string()
  .refine((s) => parseIsoDate(s) !== null, 'a calendar date as YYYY-MM-DD, e.g. 2026-01-31')
  .transform((s) => parseIsoDate(s)!);

/**
 * One respondent-attribute filter, `key:value` (e.g. `plan:pro`). Keys are restricted to
 * URL-safe characters because they become a JSON path in SQL.
 */
const attribute = z
  .string()
  .max(600)
  .regex(attributePattern, attributeFilterHint)
  .transform((s) => {
    const i = s.indexOf(':');
    return { key: s.slice(0, i), value: s.slice(i + 1) };
  });

/** Filters shared by every metrics endpoint. `from` and `to` are local dates, both inclusive. */
export const metricsQuery = z.strictObject({
  touchpoint: slugId.optional(),
  survey: slugId.optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  bucket: z.enum(['day', 'week', 'month']).default('week'),
  tz: z.string().max(100).refine(isTimeZone, 'an IANA time zone, e.g. Europe/Paris').optional(),
  attribute: attribute.optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuery>;

/**
 * The filters plus a comparison period: `compare=previous` (the same number of days just
 * before `from`) or `compareFrom` and `compareTo` (local dates, both inclusive).
 */
export const comparedQuery = metricsQuery.extend({
  compare: z.enum(['previous']).optional().describe('`previous`: compare with the period of the same length just before `from`'),
  compareFrom: isoDay.optional().describe('First day of a chosen comparison period (with `compareTo`)'),
  compareTo: isoDay.optional().describe('Last day of a chosen comparison period (with `compareFrom`)'),
});
export type ComparedQuery = z.infer<typeof comparedQuery>;

/** A breakdown: one metric per value of a segment key, with the usual filters. */
export const breakdownQuery = metricsQuery.extend({
  metric: z.enum(breakdownMetrics),
  /** The segment key to split by; the workspace's first when omitted. */
  by: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a segment key, e.g. plan').optional(),
});
