import { and, asc, desc, eq, getTableColumns, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responseNotes, responses, type ResponseRow } from '../../db/schema';
import { newId } from '../crypto';
import { ApiError, notFound } from '../errors';
import type { ResponseListQuery } from '../schemas/response';
import { afterCursor, decodeCursor, decodeOffset, encodeCursor, encodeOffset } from './cursor';
import { commentMatches, matchedWords, matchExpression, relevance } from './search';

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
export type ResponseFilters = Omit<ResponseListQuery, 'limit' | 'cursor' | 'sort'>;
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
    // Nothing searchable in `q` (only punctuation) matches nothing, rather than everything.
    q.q ? searchCondition(q.q) : undefined,
  ];
}

function searchCondition(q: string): SQL {
  const match = matchExpression(q);
  return match === null ? sql`0` : commentMatches(match);
}

const listed = { ...getTableColumns(responses), rowid: sql<number>`"responses".rowid`.as('rowid') };

/**
 * Newest first, with cursor pagination that stays stable while new responses arrive; with a
 * search, most relevant first by default (`sort=date` keeps newest first), each response
 * carrying the words its comment matched.
 */
export async function listResponses(db: Db, ws: string, q: ResponseListQuery) {
  const conditions = responseConditions(ws, q);
  const match = q.q ? matchExpression(q.q) : null;
  const byRelevance = match !== null && (q.sort ?? 'relevance') === 'relevance';
  if (q.sort === 'relevance' && !q.q) throw new ApiError(400, 'invalid_sort', 'sort=relevance needs a search (q)');
  // Relevance has no stable key to resume after, so its cursor is an offset into the ranking.
  const offset = byRelevance && q.cursor ? decodeOffset(q.cursor) : 0;
  if (q.cursor && !byRelevance) conditions.push(afterCursor(responses.createdAt, responses.id, decodeCursor(q.cursor)));
  const rows = await db
    .select(listed)
    .from(responses)
    .where(and(...conditions))
    .orderBy(...(byRelevance ? [sql`${relevance(match)}`] : []), desc(responses.createdAt), desc(responses.id))
    .limit(q.limit + 1)
    .offset(offset);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const words = match === null ? new Map<number, string[]>() : await matchedWords(db, match, page.map((r) => r.rowid));
  return {
    data: page.map(({ rowid, ...r }) => ({ ...serializeResponse(r), matches: words.get(rowid) ?? [] })),
    nextCursor: rows.length > q.limit && last ? (byRelevance ? encodeOffset(offset + q.limit) : encodeCursor(last)) : null,
  };
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
