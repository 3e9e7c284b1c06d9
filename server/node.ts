import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { openLibsql, migrateLibsql } from '../db/client-libsql';
import { createApp } from './app';
import { createTaskQueue } from './task-queue';
import { ensureDemo, DEMO_OWNER_EMAIL, DEMO_PUBLIC_KEY } from './seed/demo';
import { analyzeInThread, analyzePending } from './services/analyze-response';
import { createAnalysisPool } from './analysis-pool';
import { deliverDue } from './webhooks/deliver';
import { nodeTransport } from './webhooks/transport-node';
import { evaluateDueRules } from './alerts/evaluate';
import { clientAddress, parseTrustProxy } from './client-ip';
import { parsePublicUrl } from './public-url';
import { closeWhenBodyUnread, parseTimeouts, serverOptions } from './node-http';
import { staticHeaders } from './static-headers';
import { smtpTransport } from './mail/smtp';
import { sendDueSurveyRequests } from './email/send';
import { sendDueDigests } from './digest/schedule';
import { parseSnapshotMaxAge } from './services/account-snapshots';

// The only module that reads process.env: everything else receives its configuration.
/** CHORUS_ANALYSIS_THREADS: worker threads for comment analysis; 0 analyses on the main thread. */
function parseThreads(value: string | undefined): number {
  if (value === undefined || value === '') return Math.max(1, Math.min(4, availableParallelism() - 1));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`CHORUS_ANALYSIS_THREADS must be a whole number from 0 to 64, not "${value}"`);
  return n;
}

/** CHORUS_DB_THREAD: the ingestion hot path's database connection on its own thread (default: with two cores or more). */
function parseDbThread(value: string | undefined): boolean {
  if (value === undefined || value === '') return availableParallelism() > 1;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`CHORUS_DB_THREAD must be true or false, not "${value}"`);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const port = Number(env.PORT ?? 8787);
const host = env.HOST ?? '127.0.0.1';
const databaseUrl = env.DATABASE_URL ?? `file:${resolve(root, 'data/chorus.db')}`;
// Where users reach Chorus (links, Secure cookies) and which proxy header names the client.
const publicUrl = parsePublicUrl(env.CHORUS_PUBLIC_URL);
const trustProxy = parseTrustProxy(env.CHORUS_TRUST_PROXY);
// Outgoing email (weekly digests, email surveys): none unless SMTP_URL is set.
const mail = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM || 'Chorus <chorus@localhost>') : undefined;

// How old an account-health snapshot may be before it is refreshed in the background.
const snapshotMaxAge = parseSnapshotMaxAge(env.CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE);

if (databaseUrl.startsWith('file:')) mkdirSync(dirname(databaseUrl.slice('file:'.length)), { recursive: true });
// On a worker thread, SQLite and each commit's fsync run beside the HTTP thread instead of on it.
const { db, close } = await openLibsql(databaseUrl, { authToken: env.DATABASE_AUTH_TOKEN, thread: parseDbThread(env.CHORUS_DB_THREAD) });
await migrateLibsql(db, resolve(root, 'db/migrations'));

const logError = (err: unknown) => console.error('[chorus]', err);
const queue = createTaskQueue(logError);
// Comment analysis has its own queue (a slow webhook receiver cannot hold it up) feeding a
// pool of worker threads, so that it never competes with acknowledgements for the main
// thread. Enough in flight that the pool stays busy and the analyses' writes share commits.
const analysisThreads = parseThreads(env.CHORUS_ANALYSIS_THREADS);
const pool = analysisThreads > 0 ? createAnalysisPool(analysisThreads, logError) : undefined;
const analyze = pool?.analyze ?? analyzeInThread;
const analysisQueue = createTaskQueue(logError, 64);
const demo = env.CHORUS_SEED === '0' ? null : await ensureDemo(db, { apiKey: env.CHORUS_DEMO_API_KEY, password: env.CHORUS_DEMO_PASSWORD });
// Comments acknowledged before a crash or restart are analysed now, and any the queue had
// to shed under overload are picked up by the sweep every 30 seconds.
const sweep = () => {
  if (analysisQueue.size === 0) analysisQueue.push(async () => void (await analyzePending(db, undefined, analyze)));
};
sweep();
setInterval(sweep, 30_000).unref();
// Webhook retries come due over time; any process may send them (deliveries are leased).
const webhookRetryScale = Number(env.CHORUS_WEBHOOK_RETRY_SCALE ?? 1);
const webhooks = { retryScale: webhookRetryScale, allowPrivate: env.CHORUS_WEBHOOK_ALLOW_PRIVATE === 'true', transport: nodeTransport() };
setInterval(() => queue.push(async () => void (await deliverDue(db, webhooks))), Math.min(5000, Math.max(200, 30_000 * webhookRetryScale))).unref();
// Week-over-week alert rules that are due (each is claimed first, so any process may run this).
setInterval(() => queue.push(async () => void (await evaluateDueRules(db, webhooks))), 5000).unref();
// Weekly digests that have come due (Monday 08:00 local); each is claimed once per workspace and week.
const listeningUrl = publicUrl ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
setInterval(() => queue.push(async () => void (await sendDueDigests(db, { mail, webhooks, baseUrl: listeningUrl }))), 60_000).unref();
// Email surveys and reminders that have come due (each request is claimed, so any process may send).
setInterval(() => queue.push(async () => void (await sendDueSurveyRequests(db, { mail, baseUrl: listeningUrl, logError }))), 5000).unref();
// Bounded: under sustained overload new analysis waits for the sweep instead of growing memory.
const background = (task: () => Promise<void>) => {
  if (queue.size < 10_000) queue.push(task);
};
const analyzeLater = (task: () => Promise<void>) => {
  if (analysisQueue.size < 10_000) analysisQueue.push(task);
};

const app = createApp({
  db: () => db,
  background: () => background,
  analysis: () => ({ later: analyzeLater, analyze }),
  analysisBacklog: () => analysisQueue.size,
  logError,
  assets: serveStatic({
    root: resolve(root, 'dist/public'),
    // The build's .br / .gz beside each file (scripts/build.ts), as the client accepts them.
    precompressed: true,
    // The same headers as dist/public/_headers on Cloudflare: cache rules, the admin's CSP.
    onFound: (_path, c) => {
      for (const [name, value] of Object.entries(staticHeaders(c.req.path))) c.header(name, value);
    },
  }),
  webhooks: () => webhooks,
  clientIp: (c) => clientAddress(trustProxy, (name) => c.req.header(name), getConnInfo(c).remote.address),
  publicUrl: () => publicUrl,
  mail: () => mail,
  snapshotMaxAgeMs: () => snapshotMaxAge,
});

// Node has no execution context; handing Hono a stub spares the Error (stack and all) it
// throws when the app asks for a missing one, on every request (1.4 % of ingestion's CPU).
const noExecutionContext = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };

// What a CDN in front would do, and Cloudflare does for the Worker: compress what the app
// sends (JSON, CSV, pages; static files come precompressed), and send `/admin` to `/admin/`
// as Workers Assets do, since the admin's asset URLs are relative to its directory.
const served = new Hono()
  .use(compress())
  .get('/admin', (c) => c.redirect(`/admin/${new URL(c.req.url).search}`, 301))
  .all('*', (c) => app.fetch(c.req.raw, c.env, noExecutionContext));

// Slow clients (a body trickled a byte a second) must not hold connections for minutes.
const timeouts = parseTimeouts({ headers: env.CHORUS_HEADERS_TIMEOUT_MS, request: env.CHORUS_REQUEST_TIMEOUT_MS, keepAlive: env.CHORUS_KEEP_ALIVE_TIMEOUT_MS });
const server = serve({ fetch: closeWhenBodyUnread((request, env) => served.fetch(request, env, noExecutionContext)), port, hostname: host, serverOptions: serverOptions(timeouts) }, (info) => {
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`;
  const lines = [`Chorus is running at ${base}`, `  admin:       ${base}/admin/`, `  demo page:   ${base}/demo`, `  health:      ${base}/health`, `  API:         ${base}/api/v1/ (reference: ${base}/api/docs)`];
  if (demo) {
    lines.push(
      `  demo login:       ${DEMO_OWNER_EMAIL} / ${demo.password}${env.CHORUS_DEMO_PASSWORD ? ' (from CHORUS_DEMO_PASSWORD)' : ' (generated; set CHORUS_DEMO_PASSWORD to keep one)'}`,
      `  demo public key:  ${DEMO_PUBLIC_KEY}`,
      `  demo API key:     ${demo.apiKey}${env.CHORUS_DEMO_API_KEY ? ' (from CHORUS_DEMO_API_KEY)' : ' (generated; set CHORUS_DEMO_API_KEY to keep one)'}`,
      `  try:  curl -H "Authorization: Bearer ${demo.apiKey}" ${base}/api/v1/touchpoints`,
      `  embed: <script async src="${base}/widget.js" data-key="${DEMO_PUBLIC_KEY}"></script>`,
    );
  }
  console.log(lines.join('\n'));
});

// Stop accepting, let queued analysis finish, then close the database cleanly.
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[chorus] ${signal}: shutting down`);
  server.close(async () => {
    // Analyses first: their writes are the last the queued comments need.
    await analysisQueue.drain();
    await pool?.close();
    await queue.drain();
    await close();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
