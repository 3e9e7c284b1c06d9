import type { Context } from 'hono';
import { rawBatch } from '../../db/raw';
import type { Db } from '../../db/client';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { sha256Hex } from '../crypto';

export interface Limit {
  /** The counter's name, e.g. `ingest:pk_demo:<client>`. */
  key: string;
  max: number;
  windowSeconds: number;
}

const upsert = `INSERT INTO "rate_limits" ("key", "window_start", "count") VALUES (?, ?, 1)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN "rate_limits"."window_start" = excluded."window_start" THEN "rate_limits"."count" + 1 ELSE 1 END,
    "window_start" = excluded."window_start"
  RETURNING "count"`;

/**
 * Counts one request against each limit (fixed windows, in the database so they hold across
 * processes and Worker isolates) and throws a 429 with `Retry-After` when any is exceeded.
 */
export async function enforceLimits(db: Db, limits: readonly Limit[], now = Date.now()): Promise<void> {
  const starts = limits.map((l) => Math.floor(now / 1000 / l.windowSeconds) * l.windowSeconds);
  const results = await rawBatch(db, limits.map((l, i) => ({ sql: upsert, params: [l.key, starts[i]!] })));
  limits.forEach((l, i) => {
    const count = Number(results[i]?.[0]?.count ?? 0);
    if (count > l.max) {
      const retryAfter = Math.max(1, starts[i]! + l.windowSeconds - Math.floor(now / 1000));
      throw new ApiError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} s`, { limit: l.max, windowSeconds: l.windowSeconds }, {
        'Retry-After': String(retryAfter),
      });
    }
  });
  // Counters of clients not seen for a day are dropped now and then, keeping the table small.
  if (Math.random() < 0.001) await rawBatch(db, [{ sql: 'DELETE FROM "rate_limits" WHERE "window_start" < ?', params: [Math.floor(now / 1000) - 86_400] }]);
}

/** Recent client keys: a digest per request was a tenth of ingestion's CPU under load. */
const recentKeys = new Map<string, string>();
const RECENT_LIMIT = 10_000;

/**
 * A stand-in for the client's address that is never stored raw: a hash of the IP with the
 * day and a scope, so counters cannot be joined across days or workspaces.
 */
export async function clientKey(c: Context<AppEnv>, scope: string, now = Date.now()): Promise<string> {
  const ip = c.var.clientIp ?? 'unknown';
  const input = `${ip}|${scope}|${new Date(now).toISOString().slice(0, 10)}`;
  let key = recentKeys.get(input);
  if (key === undefined) {
    key = (await sha256Hex(input)).slice(0, 24);
    if (recentKeys.size >= RECENT_LIMIT) recentKeys.clear();
    recentKeys.set(input, key);
  }
  return key;
}
