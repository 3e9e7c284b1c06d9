import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships, responseNotes, responses, type LoopResolution, type ResponseRow } from '../../db/schema';
import { newId } from '../crypto';
import { ApiError } from '../errors';
import { getResponse, loopStatusOf } from '../queries/responses';
import { logEvent } from './activity';

export interface LoopPatch {
  status?: 'open' | 'in_progress' | 'closed' | undefined;
  /** A member's user id; null unassigns. */
  assignee?: string | null | undefined;
  /** Why it was closed; only with `status: 'closed'`. */
  resolution?: { reason: LoopResolution; note?: string | undefined } | undefined;
}

async function assertMember(db: Db, ws: string, userId: string) {
  const [m] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, userId)));
  if (!m) throw new ApiError(422, 'unknown_member', `${userId} is not a member of this workspace; pick one from GET /api/v1/members`, { assignee: userId });
}

/**
 * Updates the close-the-loop status, assignee or resolution, and logs each change with who
 * made it. It bumps the version, so an ingestion write racing with it re-reads instead of
 * overwriting the change. The patch sets absolute values, so when analysis or ingestion wins
 * the race it is re-read and applied again rather than refused.
 */
export async function updateLoop(db: Db, ws: string, id: string, patch: LoopPatch, actor: string, now = Date.now()): Promise<ResponseRow> {
  if (patch.assignee) await assertMember(db, ws, patch.assignee);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await applyLoopPatch(db, ws, id, patch, actor, now);
    if (row) return row;
  }
  throw new ApiError(409, 'concurrent_update', 'The response changed while you edited it; try again', undefined, { 'Retry-After': '1' });
}

async function applyLoopPatch(db: Db, ws: string, id: string, patch: LoopPatch, actor: string, now: number): Promise<ResponseRow | undefined> {
  const current = await getResponse(db, ws, id);
  const status = patch.status ?? loopStatusOf(current) ?? 'open';
  // Reopening forgets why it was closed; closing again without a reason keeps the old one.
  const resolution = status !== 'closed' ? { loopResolution: null, loopResolutionNote: null } : patch.resolution ? { loopResolution: patch.resolution.reason, loopResolutionNote: patch.resolution.note ?? null } : {};
  const [row] = await db
    .update(responses)
    .set({ loopStatus: status, ...(patch.assignee !== undefined ? { loopAssignee: patch.assignee } : {}), ...resolution, loopUpdatedAt: now, version: current.version + 1 })
    .where(and(eq(responses.workspaceId, ws), eq(responses.id, id), eq(responses.version, current.version)))
    .returning();
  if (!row) return undefined;
  // Logged once the conditional update has won, so a write that lost the race logs nothing.
  const events = [];
  if (patch.assignee !== undefined && patch.assignee !== current.loopAssignee) events.push(logEvent(db, ws, id, { kind: 'assigned', actor, assignee: patch.assignee }, now));
  if (patch.status !== undefined && (patch.status !== loopStatusOf(current) || patch.resolution))
    events.push(logEvent(db, ws, id, { kind: 'status', actor, status, resolution: patch.resolution?.reason ?? null, text: patch.resolution?.note ?? null }, now));
  if (events.length > 0) await db.batch(events as [(typeof events)[number], ...typeof events]);
  return row;
}

export const listNotes = (db: Db, ws: string, responseId: string) =>
  db
    .select({ id: responseNotes.id, author: responseNotes.author, text: responseNotes.text, createdAt: responseNotes.createdAt })
    .from(responseNotes)
    .where(and(eq(responseNotes.workspaceId, ws), eq(responseNotes.responseId, responseId)))
    .orderBy(asc(responseNotes.createdAt));

/** Adds a note, and its entry in the activity log. */
export async function addNote(db: Db, ws: string, responseId: string, author: string, text: string, now = Date.now()) {
  await getResponse(db, ws, responseId);
  const [[note]] = await db.batch([
    db.insert(responseNotes).values({ id: newId('note'), workspaceId: ws, responseId, author, text, createdAt: now }).returning(),
    logEvent(db, ws, responseId, { kind: 'note', actor: author, text }, now),
  ]);
  return note!;
}
