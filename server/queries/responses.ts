import { and, asc, desc, eq, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responseNotes, responses, type ResponseRow } from '../../db/schema';
import { newId } from '../crypto';
import { ApiError, notFound } from '../errors';
import type { ResponseListQuery } from '../schemas/response';
import { afterCursor, decodeCursor, encodeCursor } from './cursor';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Detractors start with an open loop until the team says otherwise; others have none. */
export const loopStatusOf = (r: Pick<ResponseRow, 'loopStatus' | 'nps'>) => r.loopStatus ?? (r.nps !== null && r.nps <= 6 ? 'open' : null);

/** The API shape of a response. */
export function serializeResponse(r: ResponseRow) {
  return {
    id: r.id,
    surveyId: r.surveyId,
    touchpointId: r.touchpointId,
    status: r.status,
    answers: r.answers,
    scores: { nps: r.nps, csat: r.csat, ces: r.ces },
    comment: r.comment,
    cpiAnswers: r.cpiAnswers,
    respondentId: r.respondentId,
    anonymousId: r.anonymousId,
    attributes: r.attributes,
    pageUrl: r.pageUrl,
    locale: r.locale,
    deviceClass: r.deviceClass,
    sentiment: r.analysis?.sentiment ?? null,
    themes: r.analysis?.themes ?? [],
    analyzedAt: iso(r.analyzedAt),
    loop: { status: loopStatusOf(r), assignee: r.loopAssignee, updatedAt: iso(r.loopUpdatedAt) },
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    completedAt: iso(r.completedAt),
  };
}
export type ResponseDto = ReturnType<typeof serializeResponse>;

/** The filters of the responses list (and export), always scoped to the workspace. */
export type ResponseFilters = Omit<ResponseListQuery, 'limit' | 'cursor'>;
export function responseConditions(ws: string, q: ResponseFilters): (SQL | undefined)[] {
  return [
    eq(responses.workspaceId, ws),
    q.survey ? eq(responses.surveyId, q.survey) : undefined,
    q.touchpoint ? eq(responses.touchpointId, q.touchpoint) : undefined,
    q.status ? eq(responses.status, q.status) : undefined,
    q.respondent ? eq(responses.respondentId, q.respondent) : undefined,
    q.from !== undefined ? gte(responses.createdAt, q.from) : undefined,
    q.to !== undefined ? lt(responses.createdAt, q.to) : undefined,
    q.minScore !== undefined ? gte(responses.nps, q.minScore) : undefined,
    q.maxScore !== undefined ? lte(responses.nps, q.maxScore) : undefined,
    q.theme !== undefined
      ? sql`EXISTS (SELECT 1 FROM json_each(${responses.analysis}, '$.themes') WHERE json_extract(value, '$.key') = ${q.theme})`
      : undefined,
    // The key is restricted to [A-Za-z0-9_-], so it is safe inside the JSON path.
    q.attribute !== undefined ? sql`CAST(json_extract(${responses.attributes}, ${`$."${q.attribute.key}"`}) AS TEXT) = ${q.attribute.value}` : undefined,
    q.loop === undefined
      ? undefined
      : q.loop === 'open'
        ? or(eq(responses.loopStatus, 'open'), and(isNull(responses.loopStatus), lte(responses.nps, 6)))
        : eq(responses.loopStatus, q.loop),
    // LIKE is case-insensitive for ASCII in SQLite; %, _ and \ typed by the user are literals.
    q.q ? sql`${responses.comment} LIKE ${`%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} ESCAPE '\\'` : undefined,
  ];
}

/** Newest first, with cursor pagination that stays stable while new responses arrive. */
export async function listResponses(db: Db, ws: string, q: ResponseListQuery) {
  const conditions = responseConditions(ws, q);
  if (q.cursor) {
    conditions.push(afterCursor(responses.createdAt, responses.id, decodeCursor(q.cursor)));
  }
  const rows = await db
    .select()
    .from(responses)
    .where(and(...conditions))
    .orderBy(desc(responses.createdAt), desc(responses.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { data: page.map(serializeResponse), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}

export async function getResponse(db: Db, ws: string, id: string): Promise<ResponseRow> {
  const [row] = await db.select().from(responses).where(and(eq(responses.workspaceId, ws), eq(responses.id, id)));
  if (!row) throw notFound('response', id);
  return row;
}

export interface LoopPatch {
  status?: 'open' | 'in_progress' | 'closed' | undefined;
  assignee?: string | null | undefined;
}

/**
 * Updates the close-the-loop status or assignee. It bumps the version, so an ingestion write
 * racing with it re-reads instead of overwriting the change.
 */
export async function updateLoop(db: Db, ws: string, id: string, patch: LoopPatch, now = Date.now()): Promise<ResponseRow> {
  const current = await getResponse(db, ws, id);
  const [row] = await db
    .update(responses)
    .set({
      loopStatus: patch.status ?? loopStatusOf(current) ?? 'open',
      ...(patch.assignee !== undefined ? { loopAssignee: patch.assignee } : {}),
      loopUpdatedAt: now,
      version: current.version + 1,
    })
    .where(and(eq(responses.workspaceId, ws), eq(responses.id, id), eq(responses.version, current.version)))
    .returning();
  if (!row) throw new ApiError(409, 'concurrent_update', 'The response changed while you edited it; try again', undefined, { 'Retry-After': '1' });
  return row;
}

export const listNotes = (db: Db, ws: string, responseId: string) =>
  db
    .select({ id: responseNotes.id, author: responseNotes.author, text: responseNotes.text, createdAt: responseNotes.createdAt })
    .from(responseNotes)
    .where(and(eq(responseNotes.workspaceId, ws), eq(responseNotes.responseId, responseId)))
    .orderBy(asc(responseNotes.createdAt));

export async function addNote(db: Db, ws: string, responseId: string, author: string, text: string, now = Date.now()) {
  await getResponse(db, ws, responseId);
  const [note] = await db.insert(responseNotes).values({ id: newId('note'), workspaceId: ws, responseId, author, text, createdAt: now }).returning();
  return note!;
}
