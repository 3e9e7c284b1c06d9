import { z } from 'zod';
import { healthBands } from '../metrics/health';
import { metricsQuery } from './metrics';
import { slugId } from '../contracts/survey-config';

export const accountSorts = ['score', 'revenue', 'lastResponse', 'responses', 'account'] as const;

/** `GET /api/v1/accounts`: a range of local dates (default the last 365 days), filters, sorting and a page. */
export const accountsQuery = z.strictObject({
  touchpoint: slugId.optional(),
  band: z.enum(healthBands).optional(),
  sort: z.enum(accountSorts).default('score'),
  /** Default: ascending for score and account (worst and A first), descending otherwise. */
  order: z.enum(['asc', 'desc']).optional(),
  from: metricsQuery.shape.from,
  to: metricsQuery.shape.to,
  tz: metricsQuery.shape.tz,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AccountsQuery = z.infer<typeof accountsQuery>;
