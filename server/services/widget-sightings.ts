import type { Db } from '../../db/client';
import type { WidgetSightingKind } from '../../db/schema';
import type { Background } from '../env';
import { addSighting } from '../queries/widget-sightings';

const HOUR = 3_600_000;
/** Keys this process remembers; past it the memory starts over (a few more writes, never unbounded). */
const MAX_KEYS = 10_000;

/** Per workspace, kind and value: the hour of the last write. */
const written = new Map<string, number>();

/**
 * Notes that the widget loaded on an origin or reported an event. The first sighting of a
 * value in an hour is written at once, in the background (the request never waits for it);
 * the rest of that hour cost a map lookup, so a busy site costs one write an hour per value.
 * "Last seen" is therefore exact to the hour, which is all the install check claims.
 */
export function noteSighting(db: Db, background: Background, workspaceId: string, kind: WidgetSightingKind, value: string, now = Date.now()): void {
  const key = `${workspaceId}\n${kind}\n${value}`;
  const hour = Math.floor(now / HOUR);
  if (written.get(key) === hour) return;
  if (written.size >= MAX_KEYS) written.clear();
  written.set(key, hour);
  background(() => addSighting(db, workspaceId, kind, value, now));
}
