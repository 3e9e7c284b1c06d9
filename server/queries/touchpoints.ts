import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { runBatch, type Db } from '../../db/client';
import { surveys, touchpoints, type Touchpoint } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { newId } from '../crypto';

export const listTouchpoints = (db: Db, ws: string): Promise<Touchpoint[]> =>
  db.select().from(touchpoints).where(eq(touchpoints.workspaceId, ws)).orderBy(asc(touchpoints.position), asc(touchpoints.createdAt));

export async function getTouchpoint(db: Db, ws: string, id: string): Promise<Touchpoint> {
  const [row] = await db.select().from(touchpoints).where(and(eq(touchpoints.workspaceId, ws), eq(touchpoints.id, id)));
  if (!row) throw notFound('touchpoint', id);
  return row;
}

/** Throws a 422 unless every id is a touchpoint of this workspace. */
export async function assertTouchpoints(db: Db, ws: string, ids: readonly string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await db
    .select({ id: touchpoints.id })
    .from(touchpoints)
    .where(and(eq(touchpoints.workspaceId, ws), inArray(touchpoints.id, wanted)));
  const known = new Set(found.map((r) => r.id));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) throw new ApiError(422, 'unknown_touchpoint', `No touchpoint "${missing[0]}" in this workspace`, { touchpoints: missing });
}

export async function createTouchpoint(
  db: Db,
  ws: string,
  input: { name: string; description?: string | undefined; position?: number | undefined },
  now = Date.now(),
): Promise<Touchpoint> {
  let position = input.position;
  if (position === undefined) {
    const [last] = await db
      .select({ max: sql<number | null>`max(${touchpoints.position})` })
      .from(touchpoints)
      .where(eq(touchpoints.workspaceId, ws));
    position = (last?.max ?? -1) + 1;
  }
  const [row] = await db
    .insert(touchpoints)
    .values({ id: newId('tp'), workspaceId: ws, name: input.name, description: input.description ?? '', position, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export async function updateTouchpoint(
  db: Db,
  ws: string,
  id: string,
  patch: { name?: string | undefined; description?: string | undefined; position?: number | undefined },
  now = Date.now(),
): Promise<Touchpoint> {
  const [row] = await db
    .update(touchpoints)
    .set({ ...stripUndefined(patch), updatedAt: now })
    .where(and(eq(touchpoints.workspaceId, ws), eq(touchpoints.id, id)))
    .returning();
  if (!row) throw notFound('touchpoint', id);
  return row;
}

/** Sets the journey order: `ids` must name every touchpoint of the workspace exactly once. */
export async function reorderTouchpoints(db: Db, ws: string, ids: readonly string[], now = Date.now()): Promise<Touchpoint[]> {
  const current = await listTouchpoints(db, ws);
  const known = new Set(current.map((t) => t.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw new ApiError(422, 'invalid_order', 'List every touchpoint of the workspace exactly once', { expected: [...known] });
  }
  const updates = ids.map((id, position) =>
    db.update(touchpoints).set({ position, updatedAt: now }).where(and(eq(touchpoints.workspaceId, ws), eq(touchpoints.id, id))),
  );
  await runBatch(db, updates);
  return listTouchpoints(db, ws);
}

export async function deleteTouchpoint(db: Db, ws: string, id: string): Promise<void> {
  await getTouchpoint(db, ws, id);
  const [inUse] = await db.select({ id: surveys.id }).from(surveys).where(and(eq(surveys.workspaceId, ws), eq(surveys.touchpointId, id))).limit(1);
  if (inUse) throw new ApiError(409, 'touchpoint_in_use', `Touchpoint "${id}" has surveys; move or delete them first`, { survey: inUse.id });
  await db.delete(touchpoints).where(and(eq(touchpoints.workspaceId, ws), eq(touchpoints.id, id)));
}

/** Drops keys whose value is undefined so a PATCH only touches what it names. */
export function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
