import { rawBatch, rawQuery } from '../../db/raw';
import type { Db } from '../../db/client';
import { ApiError } from '../errors';

/**
 * Failed-login throttling, in the `rate_limits` table so it holds across processes and
 * isolates. Only failures count, and they cost time, never a lock-out:
 *
 * - per (email, client): `PAIR_FREE` failures, then each attempt waits 1, 2, 4 … up to
 *   `MAX_DELAY_S` seconds after the previous one. A stranger guessing from one client
 *   therefore never delays the owner logging in from another.
 * - per email, from anywhere: past `EMAIL_CEILING` failures (a guess spread over many
 *   clients) every client's free attempts drop to none, so each one waits from its first
 *   failure on; a client that has not failed still gets its attempt at once.
 * - per client, over all emails: past `CLIENT_FREE` failures that client waits too
 *   (password spraying from one address).
 *
 * A success clears its (email, client) counter. Rows hold the failure count in `count`
 * and the last attempt in `window_start` (seconds); quiet counters are forgotten.
 */
export const PAIR_FREE = 5;
export const EMAIL_CEILING = 50;
export const CLIENT_FREE = 50;
export const MAX_DELAY_S = 60;
const QUIET_S = 900;
const EMAIL_QUIET_S = 3600;

/** Seconds to wait after the last failure once `failures` reached `free`. */
const delayFor = (failures: number, free: number) => Math.min(2 ** Math.min(failures - free, 6), MAX_DELAY_S);
// Times are whole seconds, so "later than last + delay" (strictly) is what guarantees the
// full delay in real time; the first allowed second is therefore last + delay + 1.
const allowedAt = (last: number, failures: number, free: number) => last + delayFor(failures, free) + 1;

// Counts the attempt only when it is admitted (the WHERE of the upsert), in one statement, so
// parallel guesses are serialised by the database instead of all passing a read-then-write check.
const admit = `INSERT INTO "rate_limits" ("key", "window_start", "count") VALUES (?, ?, 1)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN "rate_limits"."window_start" < ? THEN 1 ELSE "rate_limits"."count" + 1 END,
    "window_start" = excluded."window_start"
  WHERE "rate_limits"."window_start" < ?
    OR "rate_limits"."count" < ?
    OR excluded."window_start" > "rate_limits"."window_start" + min(1 << min("rate_limits"."count" - ?, 6), ?)
  RETURNING "count"`;
const fail = `INSERT INTO "rate_limits" ("key", "window_start", "count") VALUES (?, ?, 1)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN "rate_limits"."window_start" < ? THEN 1 ELSE "rate_limits"."count" + 1 END,
    "window_start" = excluded."window_start"`;
const read = 'SELECT "key", "count", "window_start" FROM "rate_limits" WHERE "key" IN (?, ?, ?)';

export interface LoginAttempt {
  /** The password was right: this client starts over for this email. */
  succeeded(): Promise<void>;
  /** The password was wrong: counted for the email and the client as well. */
  failed(): Promise<void>;
}

function throttled(retryAfter: number): ApiError {
  const s = Math.max(1, Math.ceil(retryAfter));
  return new ApiError(429, 'rate_limited', `Too many failed logins; try again in ${s} s`, { retryAfter: s }, { 'Retry-After': String(s) });
}

/**
 * Admits one login attempt or throws a 429 with `Retry-After`. `email` and `client` are
 * already hashed (the client key is the scoped hash of its address).
 */
export async function admitLogin(db: Db, keys: { email: string; client: string }, nowMs = Date.now()): Promise<LoginAttempt> {
  const now = Math.floor(nowMs / 1000);
  const pairKey = `login-fail:${keys.email}:${keys.client}`;
  const emailKey = `login-fail:${keys.email}`;
  const clientKey = `login-fail-client:${keys.client}`;
  const rows = await rawQuery(db, { sql: read, params: [pairKey, emailKey, clientKey] });
  const state = (key: string, quiet: number) => {
    const row = rows.find((r) => r.key === key);
    const at = Number(row?.window_start ?? 0);
    return row && at >= now - quiet ? { count: Number(row.count), at } : { count: 0, at: 0 };
  };
  const byClient = state(clientKey, QUIET_S);
  if (byClient.count >= CLIENT_FREE && now < allowedAt(byClient.at, byClient.count, CLIENT_FREE)) {
    throw throttled(allowedAt(byClient.at, byClient.count, CLIENT_FREE) - now);
  }
  const free = state(emailKey, EMAIL_QUIET_S).count >= EMAIL_CEILING ? 0 : PAIR_FREE;
  const stale = now - QUIET_S;
  const [admitted] = await rawBatch(db, [{ sql: admit, params: [pairKey, now, stale, stale, free, free, MAX_DELAY_S] }]);
  if (!admitted || admitted.length === 0) {
    const [row] = await rawQuery(db, { sql: 'SELECT "count", "window_start" FROM "rate_limits" WHERE "key" = ?', params: [pairKey] });
    const count = Number(row?.count ?? free);
    throw throttled(allowedAt(Number(row?.window_start ?? now), count, free) - now);
  }
  return {
    async succeeded() {
      await rawBatch(db, [{ sql: 'DELETE FROM "rate_limits" WHERE "key" = ?', params: [pairKey] }]);
    },
    async failed() {
      await rawBatch(db, [
        { sql: fail, params: [emailKey, now, now - EMAIL_QUIET_S] },
        { sql: fail, params: [clientKey, now, stale] },
      ]);
    },
  };
}
