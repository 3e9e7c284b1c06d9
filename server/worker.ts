import { createApp } from './app';
import { openD1 } from '../db/client-d1';
import { openTursoWeb } from '../db/client-turso-web';
import type { Db } from '../db/client';
import { ensureDemo } from './seed/demo';
import { analyzePending } from './services/analyze-response';
import { deliverDue } from './webhooks/deliver';
import { evaluateDueRules } from './alerts/evaluate';

/** Bindings and variables from wrangler.toml (or `wrangler dev --var`). */
export interface WorkerBindings {
  DB?: D1Database;
  /** Set both to use Turso instead of D1. */
  TURSO_URL?: string;
  TURSO_AUTH_TOKEN?: string;
  /** "1" seeds the demo workspace on the first request (local development). */
  CHORUS_SEED?: string;
  CHORUS_DEMO_API_KEY?: string;
  CHORUS_DEMO_PASSWORD?: string;
}

let turso: Db | undefined;
// One Db per binding for the isolate's life: the config and taxonomy caches are keyed by Db,
// and a Db per request made every request read the workspace, survey and taxonomy again.
const d1Dbs = new WeakMap<D1Database, Db>();
function dbFor(env: WorkerBindings): Db {
  if (env.TURSO_URL) return (turso ??= openTursoWeb(env.TURSO_URL, env.TURSO_AUTH_TOKEN));
  if (!env.DB) throw new Error('No database: bind D1 as "DB" in wrangler.toml or set TURSO_URL');
  let db = d1Dbs.get(env.DB);
  if (!db) d1Dbs.set(env.DB, (db = openD1(env.DB)));
  return db;
}

const app = createApp({
  db: (env) => dbFor(env as WorkerBindings),
  clientIp: (c) => c.req.header('cf-connecting-ip'),
  background: (ctx) => (task) => {
    const done = task().catch((err: unknown) => console.error('[chorus] background task failed', err));
    ctx?.waitUntil?.(done);
  },
});

// Seeding runs once per isolate and only when asked for, so deploys never get demo data.
let seeded: Promise<unknown> | undefined;

/**
 * Comments analysed after one request (when the seed left some) and per cron tick. An
 * isolate runs its requests on one thread: the seed's 2,000 comments analysed in one
 * `waitUntil` held up every request behind them for seconds, and under wrangler dev the
 * first POST after the seed was lost (503 "worker restarted mid-request"). Small batches
 * keep each to a few tens of ms; at most one runs at a time.
 */
const ANALYSIS_BATCH = 16;
const CRON_ANALYSIS_BATCH = 200;
let seedAnalysisLeft = false;
let analysing: Promise<void> | undefined;

function analyzeSome(db: Db, ctx: ExecutionContext, limit: number): void {
  if (analysing) return;
  analysing = analyzePending(db, limit).then(
    (n) => {
      if (n < limit) seedAnalysisLeft = false;
    },
    (err: unknown) => console.error('[chorus] analysis of pending comments failed', err),
  );
  const done = analysing.finally(() => (analysing = undefined));
  ctx.waitUntil(done);
}

export default {
  async fetch(request: Request, env: WorkerBindings, ctx: ExecutionContext): Promise<Response> {
    let seedingRequest = false;
    if (env.CHORUS_SEED === '1') {
      seedingRequest = !seeded;
      seeded ??= ensureDemo(dbFor(env), { apiKey: env.CHORUS_DEMO_API_KEY, password: env.CHORUS_DEMO_PASSWORD }).then(
        (demo) => {
          if (demo.apiKey && !env.CHORUS_DEMO_API_KEY) console.log(`[chorus] demo API key: ${demo.apiKey}`);
          if (!env.CHORUS_DEMO_PASSWORD) console.log(`[chorus] demo login: demo@example.com / ${demo.password}`);
          // Also when this isolate did not create it: an earlier one may have stopped mid-way.
          seedAnalysisLeft = true;
        },
        (err: unknown) => {
          seeded = undefined; // e.g. migrations not applied yet: try again on the next request
          console.error('[chorus] could not seed the demo workspace', err);
        },
      );
      await seeded;
    }
    const res = await app.fetch(request, env, ctx);
    // Not after the request that seeded, which already held the isolate for seconds: under
    // wrangler dev, work queued there still cost the next request (503, answer lost).
    if (seedAnalysisLeft && !seedingRequest) analyzeSome(dbFor(env), ctx, ANALYSIS_BATCH);
    return res;
  },
  // The cron trigger in wrangler.toml: webhook retries and alert rules that have come due.
  async scheduled(_controller: ScheduledController, env: WorkerBindings, ctx: ExecutionContext): Promise<void> {
    const db = dbFor(env);
    ctx.waitUntil(deliverDue(db));
    ctx.waitUntil(evaluateDueRules(db).catch((err: unknown) => console.error('[chorus] alert rules', err)));
    // Comments whose analysis was cut short (a waitUntil the platform ended) are picked up here.
    analyzeSome(db, ctx, CRON_ANALYSIS_BATCH);
  },
} satisfies ExportedHandler<WorkerBindings>;
