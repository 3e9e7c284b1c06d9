import type { Db } from '../../db/client';
import type { Background } from '../env';
import { addRefusals } from '../queries/refused-origins';

const HOUR = 3_600_000;
/** Keys this process remembers; past it the memory starts over (a few more writes, never unbounded). */
const MAX_KEYS = 10_000;

/** Per workspace and origin: refusals not yet written, and the hour of the last write. */
const unwritten = new Map<string, { pending: number; hour: number }>();

/**
 * Counts a widget request refused for its origin. The first refusal of an origin in an hour
 * is written at once (in the background) with those counted since the last write; the rest
 * of that hour only count in memory, so a busy page on a wrong origin costs one write an
 * hour, not one per request. The latest hour's count shows once the next hour's first
 * refusal writes it (or never, if the process stops first).
 */
export function noteRefusedOrigin(db: Db, background: Background, workspaceId: string, origin: string, now = Date.now()): void {
  const key = `${workspaceId}\n${origin}`;
  const hour = Math.floor(now / HOUR);
  const seen = unwritten.get(key);
  if (seen && seen.hour === hour) {
    seen.pending++;
    return;
  }
  if (!seen && unwritten.size >= MAX_KEYS) unwritten.clear();
  const count = (seen?.pending ?? 0) + 1;
  unwritten.set(key, { pending: 0, hour });
  background(() => addRefusals(db, workspaceId, origin, count, now));
}
