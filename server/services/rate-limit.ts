import type { Context } from 'hono';
import { rawBatch, type RawRow, type RawStatement } from '../../db/raw';
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

/** One request counted against limits, as statements to run first in a batch. */
export interface Counting {
  /** The counter upserts; each returns the new count. */
  statements: RawStatement[];
  /** True while every count is within its limit, for the writes after them in the same batch. */
  guard: RawStatement;
  /** Throws the 429 when the counts the statements returned exceed a limit. */
  check(results: readonly RawRow[][]): void;
}

/**
 * Counts one request against each limit: fixed windows, in the database so they hold across
 * processes and Worker isolates. Ingestion runs these in its write batch, guarding the write
 * with them, so a response costs one commit (and on D1 one round trip), not two.
 */
export function countRequest(limits: readonly Limit[], now = Date.now()): Counting {
  const starts = limits.map((l) => Math.floor(now / 1000 / l.windowSeconds) * l.windowSeconds);
  return {
    statements: limits.map((l, i) => ({ sql: upsert, params: [l.key, starts[i]!] })),
    guard: {
      sql: limits.map(() => '(SELECT "count" FROM "rate_limits" WHERE "key" = ?) <= ?').join(' AND ') || '1',
      params: limits.flatMap((l) => [l.key, l.max]),
    },
    check(results) {
      limits.forEach((l, i) => {
        const count = Number(results[i]?.[0]?.count ?? 0);
        if (count > l.max) {
          const retryAfter = Math.max(1, starts[i]! + l.windowSeconds - Math.floor(now / 1000));
          throw new ApiError(429, 'rate_limited', `Too many requests; try again in ${retryAfter} s`, { limit: l.max, windowSeconds: l.windowSeconds }, {
            'Retry-After': String(retryAfter),
          });
        }
      });
    },
  };
}

/** Counts one request on its own and throws a 429 with `Retry-After` when a limit is exceeded. */
export async function enforceLimits(db: Db, limits: readonly Limit[], now = Date.now()): Promise<void> {
  const counting = countRequest(limits, now);
  counting.check(await rawBatch(db, counting.statements));
  if (Math.random() < STALE_SWEEP_CHANCE) await dropStaleCounters(db, now);
}

/** Counters of clients not seen for a day are dropped now and then (this share of requests), keeping the table small. */
export const STALE_SWEEP_CHANCE = 0.001;
export async function dropStaleCounters(db: Db, now = Date.now()): Promise<void> {
  await rawBatch(db, [{ sql: 'DELETE FROM "rate_limits" WHERE "window_start" < ?', params: [Math.floor(now / 1000) - 86_400] }]);
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
  // The UTC day as a number: formatting an ISO date per request cost more than the lookup it keys.
  const input = `${ip}|${scope}|${Math.floor(now / 86_400_000)}`;
  let key = recentKeys.get(input);
  if (key === undefined) {
    key = (await sha256Hex(input)).slice(0, 24);
    if (recentKeys.size >= RECENT_LIMIT) recentKeys.clear();
    recentKeys.set(input, key);
  }
  return key;
}
