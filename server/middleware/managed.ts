import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import type { Role } from '../auth/roles';
import { limitBody } from './body-limit';
import { authenticate, authorize } from './authenticate';
import { requireJson } from '../validate';
import { documentedRouter } from '../openapi/router';

/** The default body rule of `managed`: JSON under 1 MiB. */
export const jsonBodies = { json: true, maxBytes: 1024 * 1024 };

/**
 * A management sub-app: every route needs an API key or a session; reads need `viewer`,
 * writes `writeRole`; bodies must be JSON under 1 MiB unless the resource says otherwise
 * (CSV imports). Built per resource so this can never leak onto public routes. Its routes
 * are declared with `.openapi(createRoute(…), handler)` (see docs/API.md).
 */
export const managed = (
  writeRole: Role = 'editor',
  body: { json: boolean; maxBytes: number } = jsonBodies,
  /** Middleware of the whole resource, run after authorization. */
  ...more: MiddlewareHandler<AppEnv>[]
) => {
  const router = documentedRouter();
  // `use` is not chained: Hono types its result as a plain Hono, without `.openapi()`.
  if (body.json) router.use(limitBody(body.maxBytes), requireJson, authenticate, authorize(writeRole), ...more);
  else router.use(limitBody(body.maxBytes), authenticate, authorize(writeRole), ...more);
  return router;
};

