import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { responseSubmission } from '../server/schemas/response';

// The least a durable survey-ingest server does on this stack, the honest ceiling for Chorus
// (issue 19): Hono, the same zod schema as Chorus, and one `INSERT … ON CONFLICT DO NOTHING`
// per response into a WAL libSQL file with `synchronous = FULL`, the inserts of one event-loop
// turn committed together (one fsync) before any of them is acknowledged. No rollups, no rate
// limits, no analysis.
const db = new Database(join(mkdtempSync(join(tmpdir(), 'chorus-reference-')), 'reference.db'));
db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
  CREATE TABLE responses (id TEXT PRIMARY KEY, survey_id TEXT NOT NULL, answers TEXT NOT NULL, attributes TEXT, page_url TEXT, device_class TEXT, created_at INTEGER NOT NULL)`);
const insert = db.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');

let group: { params: unknown[]; done: (err?: unknown) => void }[] = [];
function flush() {
  const g = group;
  group = [];
  try {
    begin.run();
    for (const p of g) insert.run(p.params);
    commit.run();
    for (const p of g) p.done();
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    for (const p of g) p.done(err);
  }
}
const write = (params: unknown[]) =>
  new Promise<void>((resolve, reject) => {
    if (group.push({ params, done: (err) => (err ? reject(err) : resolve()) }) === 1) setImmediate(flush);
  });

const app = new Hono().post('/responses', async (c) => {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return c.json({ error: 'invalid_json' }, 400);
  }
  const parsed = responseSubmission.safeParse(body);
  if (!parsed.success) return c.json({ error: 'invalid_json', issues: parsed.error.issues }, 400);
  const r = parsed.data;
  await write([r.id, r.surveyId, JSON.stringify(r.answers), r.attributes ? JSON.stringify(r.attributes) : null, r.pageUrl ?? null, r.deviceClass ?? null, Date.now()]);
  return c.json({ id: r.id, status: r.complete ? 'complete' : 'partial' });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => console.log('ready'));
