import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cpiTargets, cpis, surveys, type Cpi } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { newId } from '../crypto';
import { assertTouchpoints, stripUndefined } from './touchpoints';

export interface CpiWithTargets extends Cpi {
  targets: { touchpointId: string; target: number }[];
}

type TargetInput = { touchpointId: string; target: number };

async function withTargets(db: Db, ws: string, rows: Cpi[]): Promise<CpiWithTargets[]> {
  if (rows.length === 0) return [];
  const targets = await db
    .select()
    .from(cpiTargets)
    .where(and(eq(cpiTargets.workspaceId, ws), inArray(cpiTargets.cpiId, rows.map((r) => r.id))));
  return rows.map((r) => ({
    ...r,
    targets: targets.filter((t) => t.cpiId === r.id).map((t) => ({ touchpointId: t.touchpointId, target: t.target })),
  }));
}

export async function listCpis(db: Db, ws: string): Promise<CpiWithTargets[]> {
  const rows = await db.select().from(cpis).where(eq(cpis.workspaceId, ws)).orderBy(asc(cpis.createdAt), asc(cpis.id));
  return withTargets(db, ws, rows);
}

export async function getCpi(db: Db, ws: string, id: string): Promise<CpiWithTargets> {
  const [row] = await db.select().from(cpis).where(and(eq(cpis.workspaceId, ws), eq(cpis.id, id)));
  if (!row) throw notFound('cpi', id);
  return (await withTargets(db, ws, [row]))[0]!;
}

/** Throws a 422 unless every id is a CPI of this workspace. */
export async function assertCpis(db: Db, ws: string, ids: readonly string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await db.select({ id: cpis.id }).from(cpis).where(and(eq(cpis.workspaceId, ws), inArray(cpis.id, wanted)));
  const known = new Set(found.map((r) => r.id));
  const missing = wanted.filter((id) => !known.has(id));
  if (missing.length > 0) throw new ApiError(422, 'unknown_cpi', `No CPI "${missing[0]}" in this workspace`, { cpis: missing });
}

function checkTargets(targets: readonly TargetInput[]): void {
  const ids = targets.map((t) => t.touchpointId);
  if (new Set(ids).size !== ids.length) throw new ApiError(422, 'duplicate_target', 'Give each touchpoint at most one target');
}

export async function createCpi(
  db: Db,
  ws: string,
  input: { name: string; description?: string | undefined; targets: TargetInput[] },
  now = Date.now(),
): Promise<CpiWithTargets> {
  checkTargets(input.targets);
  await assertTouchpoints(db, ws, input.targets.map((t) => t.touchpointId));
  const id = newId('cpi');
  const insertCpi = db.insert(cpis).values({ id, workspaceId: ws, name: input.name, description: input.description ?? '', createdAt: now, updatedAt: now });
  const insertTargets = input.targets.map((t) => db.insert(cpiTargets).values({ workspaceId: ws, cpiId: id, ...t }));
  await db.batch([insertCpi, ...insertTargets]);
  return getCpi(db, ws, id);
}

export async function updateCpi(
  db: Db,
  ws: string,
  id: string,
  patch: { name?: string | undefined; description?: string | undefined; targets?: TargetInput[] | undefined },
  now = Date.now(),
): Promise<CpiWithTargets> {
  await getCpi(db, ws, id);
  const { targets, ...fields } = patch;
  if (targets) {
    checkTargets(targets);
    await assertTouchpoints(db, ws, targets.map((t) => t.touchpointId));
  }
  const update = db.update(cpis).set({ ...stripUndefined(fields), updatedAt: now }).where(and(eq(cpis.workspaceId, ws), eq(cpis.id, id)));
  const replaceTargets = targets
    ? [
        db.delete(cpiTargets).where(and(eq(cpiTargets.workspaceId, ws), eq(cpiTargets.cpiId, id))),
        ...targets.map((t) => db.insert(cpiTargets).values({ workspaceId: ws, cpiId: id, ...t })),
      ]
    : [];
  await db.batch([update, ...replaceTargets]);
  return getCpi(db, ws, id);
}

export async function deleteCpi(db: Db, ws: string, id: string): Promise<void> {
  await getCpi(db, ws, id);
  const asking = await db.select({ id: surveys.id, questions: surveys.questions }).from(surveys).where(eq(surveys.workspaceId, ws));
  const user = asking.find((s) => s.questions.some((q) => q.kind === 'cpi' && q.cpiId === id));
  if (user) throw new ApiError(409, 'cpi_in_use', `Survey "${user.id}" asks about this CPI; remove the question first`, { survey: user.id });
  await db.delete(cpis).where(and(eq(cpis.workspaceId, ws), eq(cpis.id, id)));
}
