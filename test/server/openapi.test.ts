import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { Db } from '../../db/client';

// The document is built from the routes alone; no request here reaches the database.
const app = createApp({ db: () => ({}) as Db, background: () => () => undefined });

describe('the OpenAPI description', async () => {
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { summary: string; parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
  };

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every API route the app serves, each with a summary', () => {
    const routes = new Set(
      app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.endsWith('*')).map((r) => `${r.method} ${r.path}`),
    );
    expect(routes.size).toBeGreaterThan(40);
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      const op = doc.paths[path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(op, route).toBeDefined();
      expect(op!.summary, `${route} has no summary in server/openapi/summaries.ts`).not.toBe('');
    }
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
