import type { Hono } from 'hono';
import { z, type ZodType } from 'zod';
import { validatorDocs } from '../validate';
import { summaries } from './summaries';

type JsonSchema = Record<string, unknown>;
const toSchema = (schema: ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;

const publicPrefixes = ['/api/v1/client/', '/api/v1/auth/'];
/** Public pages of the API itself: this document and its interactive reference. */
const publicPaths = ['/api/openapi.json', '/api/docs'];
const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
};

/**
 * The OpenAPI 3.1 description of every /api route, read off the app itself: paths and
 * methods from its routes, parameters and bodies from the zod schemas its validators use.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function buildOpenApi(app: Hono<any, any, any>): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/') || route.path.endsWith('*')) continue;
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const method = route.method.toLowerCase();
    const op = ((paths[path] ??= {})[method] ??= baseOperation(route.method, route.path));
    const doc = validatorDocs.get(route.handler);
    if (!doc) continue;
    const schema = toSchema(doc.schema);
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    if (doc.target === 'param' || doc.target === 'query') {
      const where = doc.target === 'param' ? 'path' : 'query';
      op.parameters = [
        ...((op.parameters as JsonSchema[]) ?? []).filter((p) => p.in !== where),
        ...Object.entries(props).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s })),
      ];
    } else if (doc.target === 'json') {
      const content: JsonSchema = { 'application/json': { schema } };
      if (route.path.startsWith('/api/v1/client/')) content['text/plain'] = { schema };
      op.requestBody = { required: true, content };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Chorus API', version: '1', description: 'Public client API (public key) and management API (API key or session).' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer ck_…' },
        session: { type: 'apiKey', in: 'cookie', name: 'chorus_session', description: 'Admin session; writes also need X-CSRF-Token' },
        delighted: { type: 'http', scheme: 'basic', description: 'The Delighted-compatible API: the API key as the Basic user name, no password' },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}

function baseOperation(method: string, path: string): JsonSchema {
  const key = `${method} ${path}`;
  const isPublic = publicPaths.includes(path) || publicPrefixes.some((p) => path.startsWith(p));
  const error = { description: 'The error, always in this shape', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, ''),
    summary: summaries[key] ?? '',
    tags: [path.split('/')[3] ?? 'api'],
    ...(isPublic ? { security: [] } : path.startsWith('/api/delighted/') ? { security: [{ delighted: [] }] } : { security: [{ apiKey: [] }, { session: [] }] }),
    responses: { '2XX': { description: 'Success' }, '4XX': error },
  };
}
