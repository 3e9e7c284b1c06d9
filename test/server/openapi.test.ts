import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { Db } from '../../db/client';

// The document is built from the routes alone; no request here reaches the database.
const app = createApp({ db: () => ({}) as Db, background: () => () => undefined });

describe('the OpenAPI description', async () => {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          summary: string;
          parameters?: { name: string; in: string }[];
          requestBody?: unknown;
          responses?: Record<string, { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }>;
        }
      >
    >;
  };

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every API route the app serves, with a summary and the schema of its success body', () => {
    const routes = new Set(
      app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.endsWith('*')).map((r) => `${r.method} ${r.path}`),
    );
    expect(routes.size).toBeGreaterThan(40);
    const undocumented: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const op = doc.paths[path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()];
      const success = Object.entries(op?.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      // A 204 has no body to describe; every other success names its media type and schema.
      const described =
        success.length > 0 &&
        success.every(([status, r]) => status === '204' || (Object.keys(r.content ?? {}).length > 0 && Object.values(r.content!).every((m) => m.schema !== undefined)));
      if (!op?.summary || !described) undocumented.push(route);
    }
    expect(undocumented, 'routes without a summary or a documented success response: declare them with createRoute (docs/API.md)').toEqual([]);
  });

  it('documents every error with the shared envelope, and 429 with Retry-After', () => {
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    for (const op of ops) {
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        if (!/^4/.test(status)) continue;
        expect(JSON.stringify(r.content), `${op.summary} ${status}`).toContain('#/components/schemas/Error');
        if (status === '429') expect(r.headers).toHaveProperty('Retry-After');
      }
    }
    const login = doc.paths['/api/v1/auth/login']!.post!;
    expect(Object.keys(login.responses!)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    const error = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas.Error;
    expect(JSON.stringify(error)).toContain('invalid_json');
  });

  it('documents the session headers, the CSV import body and the export media types', () => {
    const patch = doc.paths['/api/v1/surveys/{id}']!.patch!;
    expect(JSON.stringify(patch.parameters)).toContain('#/components/parameters/CsrfToken');
    expect(JSON.stringify(doc.paths['/api/v1/surveys']!.get!.parameters)).toContain('#/components/parameters/WorkspaceId');
    expect(Object.keys((doc.paths['/api/v1/imports']!.post!.requestBody as { content: object }).content)).toEqual(['text/csv', 'application/x-ndjson']);
    expect(Object.keys(doc.paths['/api/v1/responses/export']!.get!.responses!['200']!.content!)).toEqual(['text/csv', 'application/x-ndjson']);
  });

  it('documents path parameters and bodies from the validators', () => {
    const patch = doc.paths['/api/v1/surveys/{id}']!.patch!;
    expect(patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]));
    expect(JSON.stringify(patch.requestBody)).toContain('questions');
    const list = doc.paths['/api/v1/responses']!.get!;
    expect(list.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['survey', 'touchpoint', 'from', 'to', 'limit', 'cursor']));
    expect(JSON.stringify(doc.paths['/api/v1/client/{publicKey}/responses']!.post!.requestBody)).toContain('text/plain');
  });
});
