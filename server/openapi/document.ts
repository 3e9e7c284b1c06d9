import type { OpenAPIHono } from '@hono/zod-openapi';

type JsonSchema = Record<string, unknown>;
type Operation = JsonSchema & { parameters?: JsonSchema[]; security?: unknown[]; responses?: Record<string, unknown> };

const publicPrefixes = ['/api/v1/client/', '/api/v1/auth/', '/api/v1/shared/'];
/** Public pages of the API itself: this document and its interactive reference. */
const publicPaths = ['/api/openapi.json', '/api/docs'];
const isPublic = (path: string) => publicPaths.includes(path) || publicPrefixes.some((p) => path.startsWith(p));

const managementHeaders = {
  WorkspaceId: {
    name: 'X-Workspace-Id',
    in: 'header',
    required: false,
    description: "With a session: the workspace to act in (default: the user's first). Ignored with an API key, whose workspace is fixed.",
    schema: { type: 'string' },
  },
  CsrfToken: {
    name: 'X-CSRF-Token',
    in: 'header',
    required: false,
    description: 'With a session, required on POST, PUT, PATCH and DELETE: the token from POST /api/v1/auth/login or GET /api/v1/auth/session. Not used with an API key.',
    schema: { type: 'string' },
  },
};

/**
 * The OpenAPI 3.1 description of every /api route. Routes declared with `.openapi(createRoute(…))`
 * describe themselves (parameters, bodies, responses: server/routes/*.ts); what every
 * operation shares is added here: security by prefix, the session headers of the management
 * API, tags and operation ids. A route not declared this way is missing here, which
 * test/server/openapi.test.ts reports (it reads the app's own route list).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function buildOpenApi(app: OpenAPIHono<any, any, any>): JsonSchema {
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Chorus API',
      version: '1',
      description:
        'Public client API (public key in the path) and management API (API key, or the admin session with X-CSRF-Token on writes). Errors always come as `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: '/' }],
  }) as unknown as JsonSchema & { paths?: Record<string, Record<string, Operation>>; components?: JsonSchema };
  const paths = (doc.paths ??= {});
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      const honoPath = path.replace(/\{([A-Za-z]+)\}/g, ':$1');
      op.operationId ??= `${method.toUpperCase()} ${honoPath}`.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
      op.summary ??= '';
      op.tags ??= [path.split('/')[3] ?? 'api'];
      if (isPublic(path)) {
        op.security ??= [];
      } else {
        op.security ??= [{ apiKey: [] }, { session: [] }];
        op.parameters = [...(op.parameters ?? []), { $ref: '#/components/parameters/WorkspaceId' }, ...(method === 'get' ? [] : [{ $ref: '#/components/parameters/CsrfToken' }])];
      }
    }
  }
  doc.components = {
    ...doc.components,
    parameters: managementHeaders,
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer ck_… (an API key, created by an owner; its role applies)' },
      session: { type: 'apiKey', in: 'cookie', name: 'chorus_session', description: 'The admin session (POST /api/v1/auth/login); writes also need X-CSRF-Token' },
    },
  };
  return doc;
}
