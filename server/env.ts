import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/client';
import type { User, Workspace } from '../db/schema';
import type { Role } from './auth/roles';
import type { DeliveryOptions } from './webhooks/deliver';
import type { MailTransport } from './mail/transport';
import type { Analyzer } from './services/analyze-response';

/** Work that must not delay the response, e.g. comment analysis. */
export type Background = (task: () => Promise<void>) => void;

/** What each runtime hands to `createApp`; the only way configuration reaches the app. */
export interface AppDeps {
  /** The database for this request (D1 bindings are per request on Workers). */
  db: (env: unknown) => Db;
  /** Schedules work after the response; `waitUntil` on Workers, an in-process queue on Node. */
  background: (ctx: { waitUntil?: (p: Promise<unknown>) => void } | undefined) => Background;
  /** Serves the built widget and admin (Node); Workers serve them from the assets binding. */
  assets?: MiddlewareHandler;
  /** The client's IP address, for rate limits only (it is hashed, never stored). */
  clientIp?: (c: Context) => string | undefined;
  /** How webhooks are sent: retry scale, CHORUS_WEBHOOK_ALLOW_PRIVATE and the runtime's transport (per request's env on Workers). */
  webhooks?: (env: unknown) => DeliveryOptions;
  /** `CHORUS_PUBLIC_URL` as `parsePublicUrl` returns it (per request: Workers bindings are). */
  publicUrl?: (env: unknown) => string | undefined;
  /** The configured mail transport, if any (`SMTP_URL` on Node, the mail API secrets on Workers). */
  mail?: (env: unknown) => MailTransport | undefined;
  /** `CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE` in ms: the age from which an account-health snapshot is refreshed (default 15 min). */
  snapshotMaxAgeMs?: (env: unknown) => number | undefined;
  /** Logs server faults; never called for expected 4xx errors. */
  logError?: (err: unknown) => void;
  /**
   * How comment analysis runs after a response: its own queue and a worker-thread pool on
   * Node; by default `background` and this thread (Workers, where `waitUntil` carries it).
   */
  analysis?: (background: Background) => Analysis;
  /** Comments acknowledged and not analysed yet in this process, for `/health` (Node). */
  analysisBacklog?: () => number;
}

/** Where analysis is queued (`later`) and where it computes (`analyze`). */
export interface Analysis {
  later: Background;
  analyze: Analyzer;
}

export type AppEnv = {
  Variables: {
    db: Db;
    background: Background;
    analysis: Analysis;
    /** Set by the authentication and public-key middleware: every workspace-owned query is scoped by it. */
    workspace: Workspace;
    /** The caller's role in `workspace` (management API only). */
    role: Role;
    /** Who is calling the management API. */
    principal: { kind: 'api_key' | 'user'; id: string };
    /** The logged-in user, for session-authenticated requests. */
    user: User;
    clientIp: string | undefined;
    webhooks: DeliveryOptions;
    /** The configured public URL (no trailing slash), if any; see server/public-url.ts. */
    publicUrl: string | undefined;
    mail: MailTransport | undefined;
    /** See AppDeps.snapshotMaxAgeMs; undefined: the default. */
    snapshotMaxAgeMs: number | undefined;
  };
};
