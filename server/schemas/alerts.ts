import { z } from 'zod';
import { alertKinds } from '../../db/schema';
import { slugId } from '../contracts/survey-config';
import { sensitivities } from '../metrics/anomaly';

const name = z.string().trim().max(200).default('');
const common = { name, touchpointId: slugId, active: z.boolean().default(true) };

/**
 * A new alert rule. Each kind says what it watches at its touchpoint; `cpi_drop` and
 * `theme_spike` may narrow to one CPI or theme (omitted: every one); `anomaly` takes a
 * sensitivity, `renewal_detractor` a renewal window in days.
 */
export const alertRuleInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('detractor'), ...common }),
  z.strictObject({ kind: z.literal('nps_drop'), ...common }),
  z.strictObject({ kind: z.literal('cpi_drop'), ...common, cpiId: slugId.optional() }),
  z.strictObject({ kind: z.literal('theme_spike'), ...common, themeKey: z.string().min(1).max(120).optional() }),
  /** The last complete day's response volume or NPS at the touchpoint is unusual for its weekday. */
  z.strictObject({ kind: z.literal('anomaly'), ...common, sensitivity: z.enum(sensitivities).default('medium') }),
  /** A detractor whose `renewalDate` attribute is within `windowDays` days (today included). */
  z.strictObject({ kind: z.literal('renewal_detractor'), ...common, windowDays: z.number().int().min(1).max(730).default(90) }),
]);
export type AlertRuleInput = z.infer<typeof alertRuleInput>;

/** What a rule may change; what it watches is fixed, so its past alerts keep their meaning. */
export const alertRulePatch = z
  .strictObject({ name: z.string().trim().max(200).optional(), active: z.boolean().optional() })
  .refine((p) => p.name !== undefined || p.active !== undefined, 'give a name or active');

const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date or date-time, e.g. 2026-01-31')
  .transform((s) => Date.parse(s));

/** Filters of the alert list, newest first, with the same cursor pagination as responses. */
export const alertListQuery = z.strictObject({
  rule: slugId.optional(),
  kind: z.enum(alertKinds).optional(),
  touchpoint: slugId.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;
