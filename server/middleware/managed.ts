import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { Role } from '../auth/roles';
import { limitBody } from './body-limit';
import { authenticate, authorize } from './authenticate';
import { requireJson } from '../validate';

/**
 * A management sub-app: every route needs an API key or a session; reads need `viewer`,
 * writes `writeRole`; bodies must be JSON under 1 MiB unless the resource says otherwise
 * (CSV imports). Built per resource so this can never leak onto public routes.
 */
export const managed = (writeRole: Role = 'editor', body: { json: boolean; maxBytes: number } = { json: true, maxBytes: 1024 * 1024 }) =>
  body.json
    ? new Hono<AppEnv>().use(limitBody(body.maxBytes), requireJson, authenticate, authorize(writeRole))
    : new Hono<AppEnv>().use(limitBody(body.maxBytes), authenticate, authorize(writeRole));
