import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/client';
import type { Workspace } from '../db/schema';

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
  /** Logs server faults; never called for expected 4xx errors. */
  logError?: (err: unknown) => void;
}

export type AppEnv = {
  Variables: {
    db: Db;
    background: Background;
    /** Set by the API-key and public-key middleware: every workspace-owned query is scoped by it. */
    workspace: Workspace;
  };
};
