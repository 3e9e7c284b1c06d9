import { createApp } from './app';
import { openD1 } from '../db/client-d1';
import { openTursoWeb } from '../db/client-turso-web';
import type { Db } from '../db/client';
import { ensureDemo } from './seed/demo';
import { analyzePending } from './services/analyze-response';
import { deliverDue } from './webhooks/deliver';
import { evaluateDueRules } from './alerts/evaluate';
import { parsePublicUrl } from './public-url';
import { httpApiTransport } from './mail/http-api';
import type { MailTransport } from './mail/transport';
import { sendDueSurveyRequests } from './email/send';
import { sendDueDigests } from './digest/schedule';
import { parseSnapshotMaxAge } from './services/account-snapshots';

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
  /** "true" lets webhooks target private and loopback addresses (see README, Configuration). */
  CHORUS_WEBHOOK_ALLOW_PRIVATE?: string;
  /** Where users reach Chorus, e.g. https://chorus.example.com: invitation links and Secure cookies. */
  CHORUS_PUBLIC_URL?: string;
  /** The HTTP email API (Resend's JSON; default https://api.resend.com/emails). Secrets: `wrangler secret put`. */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  /** The sender, e.g. `Chorus <digest@example.com>` (a domain the mail API lets you send from). */
  MAIL_FROM?: string;
  /** Seconds before an account-health snapshot is refreshed in the background (default 900). */
  CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE?: string;
}

const webhooksFor = (env: WorkerBindings) => ({ allowPrivate: env.CHORUS_WEBHOOK_ALLOW_PRIVATE === 'true' });

// Mail needs a token and a sender; the URL has a default. Without them, sending says "not configured".
const mailFor = (env: WorkerBindings): MailTransport | undefined =>
  env.MAIL_API_TOKEN && env.MAIL_FROM ? httpApiTransport({ url: env.MAIL_API_URL, token: env.MAIL_API_TOKEN, from: env.MAIL_FROM }) : undefined;

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

// Parsed once per value; a bad value fails every request loudly rather than sending broken links.
let parsedUrl: { value: string | undefined; url: string | undefined } | undefined;
function publicUrlOf(value: string | undefined): string | undefined {
  if (!parsedUrl || parsedUrl.value !== value) parsedUrl = { value, url: parsePublicUrl(value) };
  return parsedUrl.url;
}

const app = createApp({
  db: (env) => dbFor(env as WorkerBindings),
  // Cloudflare sets CF-Connecting-IP itself (a client cannot), so no CHORUS_TRUST_PROXY here.
  clientIp: (c) => c.req.header('cf-connecting-ip'),
  webhooks: (env) => webhooksFor(env as WorkerBindings),
  publicUrl: (env) => publicUrlOf((env as WorkerBindings).CHORUS_PUBLIC_URL),
  snapshotMaxAgeMs: (env) => parseSnapshotMaxAge((env as WorkerBindings).CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE),
  mail: (env) => mailFor(env as WorkerBindings),
  background: (ctx) => (task) => {
    const done = task().catch((err: unknown) => console.error('[chorus] background task failed', err));
    ctx?.waitUntil?.(done);
  },
});

// Seeding runs once per isolate and only when asked for, so deploys never get demo data.
let seeded: Promise<unknown> | undefined;

/**
 * Comments analysed per cron tick: those whose analysis was cut short (a `waitUntil` the
 * platform ended). Bounded, so a tick stays short; at most one sweep runs per isolate.
 */
const CRON_ANALYSIS_BATCH = 200;
let analysing: Promise<void> | undefined;

function analyzeSome(db: Db, ctx: ExecutionContext, limit: number): void {
  if (analysing) return;
  analysing = analyzePending(db, limit)
    .then(() => undefined, (err: unknown) => console.error('[chorus] analysis of pending comments failed', err))
    .finally(() => (analysing = undefined));
  ctx.waitUntil(analysing);
}

export default {
  async fetch(request: Request, env: WorkerBindings, ctx: ExecutionContext): Promise<Response> {
    if (env.CHORUS_SEED === '1') {
      // The seed's 2,000 comments are analysed as part of seeding, before any request is
      // answered: analysed in a `waitUntil` after the first answer, they held the isolate
      // for seconds while requests arrived, and under wrangler dev the first POST after the
      // seed was lost (503 "worker restarted mid-request"). Every request waits for the seed
      // anyway; afterwards no background work is left over.
      seeded ??= ensureDemo(dbFor(env), { apiKey: env.CHORUS_DEMO_API_KEY, password: env.CHORUS_DEMO_PASSWORD }).then(
        async (demo) => {
          if (demo.apiKey && !env.CHORUS_DEMO_API_KEY) console.log(`[chorus] demo API key: ${demo.apiKey}`);
          if (!env.CHORUS_DEMO_PASSWORD) console.log(`[chorus] demo login: demo@example.com / ${demo.password}`);
          // Also when this isolate did not create it: an earlier one may have stopped mid-way.
          try {
            for (let n = await analyzePending(dbFor(env), 500); n > 0; n = await analyzePending(dbFor(env), 500));
          } catch (err) {
            console.error('[chorus] could not analyse the demo comments; the cron sweep retries', err);
          }
        },
        (err: unknown) => {
          seeded = undefined; // e.g. migrations not applied yet: try again on the next request
          console.error('[chorus] could not seed the demo workspace', err);
        },
      );
      await seeded;
    }
    return app.fetch(request, env, ctx);
  },
  // The cron trigger in wrangler.toml: webhook retries, alert rules and weekly digests that have come due.
  async scheduled(_controller: ScheduledController, env: WorkerBindings, ctx: ExecutionContext): Promise<void> {
    const db = dbFor(env);
    ctx.waitUntil(deliverDue(db, webhooksFor(env)));
    ctx.waitUntil(evaluateDueRules(db, webhooksFor(env)).catch((err: unknown) => console.error('[chorus] alert rules', err)));
    // Email surveys and reminders that have come due; their links need CHORUS_PUBLIC_URL (a cron has no request URL).
    ctx.waitUntil(sendDueSurveyRequests(db, { mail: mailFor(env), baseUrl: publicUrlOf(env.CHORUS_PUBLIC_URL) }).catch((err: unknown) => console.error('[chorus] email surveys', err)));
    // Weekly digests come due Monday 08:00 local; links need CHORUS_PUBLIC_URL (a cron has no request URL).
    const baseUrl = publicUrlOf(env.CHORUS_PUBLIC_URL);
    ctx.waitUntil(sendDueDigests(db, { mail: mailFor(env), webhooks: webhooksFor(env), baseUrl }).catch((err: unknown) => console.error('[chorus] digests', err)));
    // Comments whose analysis was cut short (a waitUntil the platform ended) are picked up here.
    analyzeSome(db, ctx, CRON_ANALYSIS_BATCH);
  },
} satisfies ExportedHandler<WorkerBindings>;
