import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import type { Db } from '../../db/client';

// A client generated from /api/openapi.json the way an integrator would (openapi-typescript
// types, openapi-fetch calls) must type its answers: a script reading `data` fields of a dozen
// operations type-checks, and one reading a field no response has does not.

const app = createApp({ db: () => ({}) as Db, background: () => () => undefined });
// Inside the project, so the script resolves openapi-fetch from node_modules.
const dir = join(import.meta.dirname, '../../test-artifacts/openapi-client');

const script = `import createClient from 'openapi-fetch';
import type { paths } from './schema';

const api = createClient<paths>({ baseUrl: 'http://localhost:8787', headers: { Authorization: 'Bearer ck_…' } });

export async function tour(): Promise<string[]> {
  const out: string[] = [];
  const { data: workspace } = await api.GET('/api/v1/workspace');
  if (workspace) out.push(workspace.name, workspace.publicKey, ...workspace.allowedOrigins);
  const { data: touchpoints } = await api.GET('/api/v1/touchpoints');
  const first = touchpoints?.data[0];
  if (first) out.push(first.id, String(first.position + 1));
  const { data: surveys } = await api.GET('/api/v1/surveys', { params: { query: { status: 'active' } } });
  for (const s of surveys?.data ?? []) out.push(s.name, s.status, ...s.questions.map((q) => q.kind));
  const { data: survey } = await api.GET('/api/v1/surveys/{id}', { params: { path: { id: 'sv_support' } } });
  const priority: number | undefined = survey?.priority;
  out.push(String(priority), survey?.targeting.urls[0]?.value ?? '');
  const { data: created, error } = await api.POST('/api/v1/touchpoints', { body: { name: 'Checkout' } });
  if (error) out.push(error.error.code, error.error.message);
  if (created) out.push(created.id, created.createdAt);
  const { data: page } = await api.GET('/api/v1/responses', { params: { query: { limit: 10 } } });
  const cursor: string | null | undefined = page?.nextCursor;
  for (const r of page?.data ?? []) out.push(r.id, String(r.scores.nps ?? ''), r.loop.status ?? 'none', ...r.themes.map((t) => t.label));
  const { data: detail } = await api.GET('/api/v1/responses/{id}', { params: { path: { id: 'r_1' } } });
  out.push(...(detail?.notes.map((n) => n.text) ?? []), String(cursor));
  const { data: nps } = await api.GET('/api/v1/metrics/nps', { params: { query: { bucket: 'week' } } });
  const score: number | null | undefined = nps?.total.nps;
  out.push(String(score), ...(nps?.buckets.map((b) => b.start) ?? []));
  const { data: drivers } = await api.GET('/api/v1/metrics/drivers');
  const ci: number[] | undefined = drivers?.drivers[0]?.ci;
  out.push(String(ci?.[1]));
  const { data: journey } = await api.GET('/api/v1/metrics/journey');
  out.push(...(journey?.touchpoints.map((t) => \`\${t.name}: \${t.nps.nps}\`) ?? []));
  const { data: hook } = await api.POST('/api/v1/webhooks', { body: { url: 'https://hooks.example.com/x', events: ['response.completed'] } });
  const secret: string | undefined = hook?.secret;
  out.push(secret ?? '');
  const { data: rotated } = await api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id: 'wh_1' } } });
  out.push(rotated?.previousSecretExpiresAt ?? '');
  const { data: accounts } = await api.GET('/api/v1/accounts');
  out.push(String(accounts?.summary.arrAtRisk), ...(accounts?.accounts.map((a) => a.health.band) ?? []));
  const { data: runs } = await api.GET('/api/v1/analysis/runs');
  out.push(...(runs?.data.map((r) => \`\${r.id} \${Math.round(r.progress * 100)} %\`) ?? []));
  const { data: session } = await api.POST('/api/v1/auth/login', { body: { email: 'a@example.com', password: 'secret' } });
  out.push(session?.csrfToken ?? '', ...(session?.workspaces.map((w) => w.role) ?? []));
  return out;
}
`;

// What a client of an undocumented API would have written; each line must be refused.
const wrong = `import createClient from 'openapi-fetch';
import type { paths } from './schema';

const api = createClient<paths>({ baseUrl: 'http://localhost:8787' });
export async function wrong() {
  const { data: survey } = await api.GET('/api/v1/surveys/{id}', { params: { path: { id: 'x' } } });
  const n: number | undefined = survey?.name;
  const { data: hook } = await api.GET('/api/v1/webhooks/{id}', { params: { path: { id: 'x' } } });
  return [n, hook?.secret];
}
`;

describe('a client generated from the OpenAPI document', () => {
  it('types the data of every call, and refuses fields the responses do not have', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as Parameters<typeof openapiTS>[0];
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'schema.d.ts'), astToString(await openapiTS(doc)));
    writeFileSync(join(dir, 'tour.ts'), script);
    writeFileSync(join(dir, 'wrong.ts'), wrong);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true, types: [] }, files: ['tour.ts', 'wrong.ts'] }),
    );
    const tsc = join(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]).then(
      () => '',
      (err: { stdout: string }) => err.stdout,
    );
    const errors = result
      .split('\n')
      .filter((l) => l.includes('error TS'))
      .map((l) => l.replace(/^.*openapi-client\//, ''));
    expect(errors.filter((l) => !l.startsWith('wrong.ts')), 'the tour type-checks').toEqual([]);
    expect(errors.map((l) => l.replace(/:.*/, '').replace(/,\d+\)$/, ')'))).toEqual(['wrong.ts(7)', 'wrong.ts(9)']);
  }, 120_000);
});
