import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { managed } from '../middleware/managed';
import { accountSorts, accountsQuery } from '../schemas/accounts';
import { healthBands } from '../metrics/health';
import { errors, json, managedErrors } from '../openapi/responses';
import { listAccounts } from '../queries/account-health';

const bands = z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() });
const component = <S extends z.ZodRawShape>(extra: S) => z.object({ ...extra, value: z.number().nullable().describe('0..100, null without data') });
const accounts = z
  .object({
    filters: z.object({ touchpoint: z.string().nullable(), band: z.enum(healthBands).nullable() }),
    from: z.string(),
    to: z.string(),
    timeZone: z.object({ name: z.string(), hourAligned: z.boolean() }),
    settings: z.object({ accountAttribute: z.string(), revenueAttribute: z.string() }),
    sort: z.enum(accountSorts),
    order: z.enum(['asc', 'desc']),
    summary: z.object({
      accounts: z.number().int(),
      revenue: z.number(),
      arrAtRisk: z.number(),
      bands,
      byTouchpoint: z.array(z.object({ touchpointId: z.string(), name: z.string(), accounts: z.number().int(), arrAtRisk: z.number(), bands })),
    }),
    total: z.number().int(),
    accounts: z.array(
      z.object({
        account: z.string(),
        revenue: z.number().nullable(),
        renewalDate: z.string().nullable(),
        responses: z.number().int(),
        lastResponseAt: z.string(),
        touchpoints: z.array(z.string()),
        health: z.object({
          score: z.number(),
          band: z.enum(healthBands),
          components: z.object({
            nps: component({ latest: z.number().nullable() }),
            csat: component({ latest: z.number().nullable() }),
            cpi: component({ answered: z.number().int(), attainment: z.number().nullable() }),
            sentiment: component({ n: z.number().int(), recent: z.number().nullable(), trend: z.number().nullable() }),
            recency: z.object({ days: z.number(), value: z.number() }),
          }),
        }),
      }),
    ),
  })
  .meta({ id: 'Accounts' });

/** Customer accounts with their health and revenue at risk (docs/METRICS.md, "Account health"). */
export const accountRoutes = managed().openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Accounts with health (score, band, components), revenue, last response; summary with ARR at risk in total and by touchpoint',
    request: { query: accountsQuery },
    responses: { 200: json(accounts, 'A page of accounts with the summary of all'), ...errors(400), ...managedErrors },
  }),
  async (c) => c.json(await listAccounts(c.var.db, c.var.workspace, c.req.valid('query')), 200),
);
