import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { invalid } from '../validate';

/**
 * A router whose routes carry their OpenAPI description (`createRoute` from
 * @hono/zod-openapi): a failed parse of a documented parameter or body throws the same
 * `invalid_<target>` ApiError the plain validators throw, so the status codes and the error
 * envelope do not depend on how a route is written.
 */
export const documentedRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) invalid({ success: false, target: result.target, error: result.error });
    },
  });
