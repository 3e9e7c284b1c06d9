import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { digestSends, workspaces } from '../../db/schema';
import { isoDate, offsetAt } from '../metrics/time-zone';
import { buildDigest } from './build';
import { sendDigest, type DigestDelivery } from './send';

const HOUR = 3_600_000;
/** Local hour on Monday from which the digest of the week before goes out. */
export const DIGEST_HOUR = 8;

/**
 * The week (its Monday) whose digest is due in zone `tz` at `now`, or null. Due from Monday
 * 08:00 local to the end of that Monday: a process that was down all Monday skips the week
 * rather than sending last week's news on a Thursday.
 */
export function dueWeek(tz: string, now: number): number | null {
  const local = now + offsetAt(tz, now);
  const day = Math.floor(local / (24 * HOUR));
  const monday = new Date(day * 24 * HOUR).getUTCDay() === 1;
  return monday && Math.floor((local / HOUR) % 24) >= DIGEST_HOUR ? day - 7 : null;
}

/**
 * Sends the digests that are due (Node's timer, the Workers cron). Each (workspace, week) is
 * claimed by inserting its row first, so restarts, timers and isolates running this at once
 * send each digest exactly once. Returns how many were sent.
 */
export async function sendDueDigests(db: Db, d: DigestDelivery, now = Date.now()): Promise<number> {
  const all = await db.select().from(workspaces);
  const failures: unknown[] = [];
  let sent = 0;
  for (const ws of all) {
    const week = dueWeek(ws.timezone, now);
    if (week === null) continue;
    const [claimed] = await db.insert(digestSends).values({ workspaceId: ws.id, week: isoDate(week), createdAt: now }).onConflictDoNothing().returning();
    if (!claimed) continue;
    try {
      const digest = await buildDigest(db, ws, week, now).catch(async (err: unknown) => {
        // Nothing was sent: give the claim back so the next tick tries again.
        await db.delete(digestSends).where(and(eq(digestSends.workspaceId, ws.id), eq(digestSends.week, claimed.week)));
        throw err;
      });
      const result = await sendDigest(db, ws, digest, d);
      await db.update(digestSends).set({ emails: result.emailed.length }).where(and(eq(digestSends.workspaceId, ws.id), eq(digestSends.week, claimed.week)));
      sent++;
    } catch (err) {
      failures.push(err); // one workspace's failure must not hold back the others
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} digest(s) could not be sent`);
  return sent;
}
