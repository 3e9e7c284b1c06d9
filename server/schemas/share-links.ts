import { z } from 'zod';
import { metricsQuery } from './metrics';
import { cesMetrics, cpiMetrics, csatMetrics, journeyMetrics, npsMetrics, sentimentMetrics, themeMetrics } from './metrics-out';

/** Default and longest life of a share link, in days: a link must end, and a year is the longest a view stays meaningful. */
export const SHARE_DEFAULT_DAYS = 30;
export const SHARE_MAX_DAYS = 365;

/** The overview's filters a link fixes; a period left out is the overview's default (the last weeks, rolling). */
export const shareFilters = metricsQuery.pick({ touchpoint: true, from: true, to: true, bucket: true, attribute: true });
export type ShareFilters = z.infer<typeof shareFilters>;

export const shareLinkInput = z
  .strictObject({
    filters: shareFilters.default({ bucket: 'week' }),
    expiresInDays: z.number().int().min(1).max(SHARE_MAX_DAYS).optional().describe(`Days until the link stops working (1–${SHARE_MAX_DAYS}; ${SHARE_DEFAULT_DAYS} when neither this nor expiresAt is given)`),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe(`When the link stops working: in the future, at most ${SHARE_MAX_DAYS} days ahead`),
  })
  .refine((x) => x.expiresInDays === undefined || x.expiresAt === undefined, 'give expiresInDays or expiresAt, not both');

const iso = z.string();
const presentedFilters = z
  .object({
    touchpoint: z.string().nullable(),
    from: iso.nullable().describe('YYYY-MM-DD, or null for the rolling default'),
    to: iso.nullable(),
    bucket: z.enum(['day', 'week', 'month']),
    attribute: z.string().nullable().describe('key:value'),
  })
  .meta({ id: 'ShareFilters' });

export const shareLink = z
  .object({
    id: z.string(),
    prefix: z.string().describe('The first characters of the token'),
    filters: presentedFilters,
    sharedBy: z.string(),
    createdAt: iso,
    expiresAt: iso,
    revokedAt: iso.nullable(),
  })
  .meta({ id: 'ShareLink' });

export const createdShareLink = shareLink.extend({
  token: z.string().describe('sh_…, shown only here'),
  url: z.string().describe('The read-only page to hand out'),
});

/**
 * What a link's viewer gets: the overview's figures under the link's filters, and nothing
 * that names a respondent (no comments, no response ids, no accounts).
 */
export const sharedView = z
  .object({
    link: z.object({ workspace: z.string(), sharedBy: z.string(), expiresAt: iso, filters: presentedFilters }),
    touchpoints: z.array(z.object({ id: z.string(), name: z.string() })),
    nps: z.object({ all: npsMetrics, byTouchpoint: z.array(z.object({ id: z.string(), metrics: npsMetrics })) }),
    csat: csatMetrics,
    ces: cesMetrics,
    sentiment: sentimentMetrics,
    journey: journeyMetrics,
    cpi: cpiMetrics,
    themes: themeMetrics,
  })
  .meta({ id: 'SharedView' });
