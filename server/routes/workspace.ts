import { z } from 'zod';
import { ApiError } from '../errors';
import { managed } from '../middleware/managed';
import { createRoute } from '@hono/zod-openapi';
import { bodyErrors, json, jsonBody, managedErrors } from '../openapi/responses';
import { workspaceSettingsPatch } from '../contracts/survey-config';
import { createWorkspace, presentWorkspace, updateWorkspace } from '../queries/workspaces';
import { forgetWorkspace } from '../queries/hot-lookups';
import { continueSegmentBackfill, listSegmentKeys, presentSegmentKey, syncSegmentKeys } from '../services/segment-backfill';
import type { Context } from 'hono';
import type { AppEnv } from '../env';

const originPattern = z
  .string()
  .max(200)
  .regex(/^(\*|https?:\/\/[A-Za-z0-9.*-]+(:(\d{1,5}|\*))?)$/, 'an origin such as https://www.example.com, https://*.example.com or http://localhost:*');

const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const workspacePatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  allowedOrigins: z.array(originPattern).max(100).optional(),
  timezone: z.string().max(64).refine(validZone, 'an IANA time zone such as Europe/Paris').optional(),
  settings: workspaceSettingsPatch.optional(),
});

/**
 * The workspace's segment keys with their backfill progress; a backfill whose runner went
 * away (a Worker cut short) resumes when this is read.
 */
async function segments(c: Context<AppEnv>) {
  const keys = await listSegmentKeys(c.var.db, c.var.workspace.id);
  if (keys.some((k) => k.status === 'backfilling' && (k.leaseUntil === null || k.leaseUntil < Date.now()))) {
    continueSegmentBackfill(c.var.db, c.var.background, c.var.workspace.id);
  }
  return keys.map(presentSegmentKey);
}

const workspace = z
  .object({
    id: z.string(),
    name: z.string(),
    publicKey: z.string().describe("The widget's key, public by design"),
    allowedOrigins: z.array(z.string()),
    timezone: z.string(),
    settings: z.object({
      recontactDays: z.number().int(),
      clientRateLimit: z.number().int(),
      workspaceRateLimit: z.number().int(),
      accountAttribute: z.string(),
      revenueAttribute: z.string(),
      segmentKeys: z.array(z.string()).describe('Attributes (or deviceClass, locale) kept in segment rollups'),
    }),
    createdAt: z.string(),
    segments: z.array(
      z.object({
        key: z.string(),
        status: z.enum(['backfilling', 'ready']),
        processed: z.number().int(),
        total: z.number().int(),
        progress: z.number().describe('0..1'),
        values: z.number().int().nullable().describe('Distinct values kept (at most 50; the rest fold into (other))'),
      }),
    ).describe("Each segment key's backfill of its rollups"),
  })
  .meta({ id: 'Workspace' });

/** The workspace the API key belongs to: its public key, allowed origins, time zone, settings and segment backfills. */
export const workspaceRoutes = managed('owner')
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'The workspace of the caller', responses: { 200: json(workspace, 'The workspace'), ...managedErrors } }),
    async (c) => c.json({ ...presentWorkspace(c.var.workspace), segments: await segments(c) }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/',
      summary: 'Change name, allowed origins, time zone or settings (owner)',
      request: { body: jsonBody(workspacePatch) },
      responses: { 200: json(workspace, 'The workspace changed'), ...bodyErrors },
    }),
    async (c) => {
      const { settings, ...rest } = c.req.valid('json');
      const current = c.var.workspace;
      const row = await updateWorkspace(c.var.db, current.id, { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), settings: { ...current.settings, ...settings } });
      forgetWorkspace(c.var.db, current.publicKey);
      if (settings?.segmentKeys && (await syncSegmentKeys(c.var.db, current.id, settings.segmentKeys))) {
        continueSegmentBackfill(c.var.db, c.var.background, current.id);
      }
      return c.json({ ...presentWorkspace(row), segments: await segments(c) }, 200);
    },
  );

const newWorkspace = z.strictObject({
  name: z.string().trim().min(1).max(120),
  timezone: z.string().max(64).refine(validZone, 'an IANA time zone such as Europe/Paris').default('UTC'),
  allowedOrigins: z.array(originPattern).max(100).default([]),
});

/**
 * Creating a workspace: a logged-in user (not an API key, which belongs to one workspace)
 * becomes the owner of a new, empty workspace with its own public key.
 */
export const workspaceCreationRoutes = managed('viewer').openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Create a workspace and become its owner (session)',
    request: { body: jsonBody(newWorkspace) },
    responses: { 201: json(workspace, 'The workspace created'), ...bodyErrors },
  }),
  async (c) => {
    if (c.var.principal.kind !== 'user') throw new ApiError(403, 'session_required', 'Log in to create a workspace; API keys belong to one workspace');
    const row = await createWorkspace(c.var.db, c.req.valid('json'), c.var.principal.id);
    return c.json({ ...presentWorkspace(row), segments: [] }, 201);
  },
);
