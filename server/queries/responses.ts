import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, type ResponseRow } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import type { ResponseListQuery } from '../schemas/response';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    completedAt: iso(r.completedAt),
  };
}
export type ResponseDto = ReturnType<typeof serializeResponse>;

// Cursors are opaque to clients: "createdAt:id" of the last row, base64url-encoded.
const encodeCursor = (r: ResponseRow) => btoa(`${r.createdAt}:${r.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const [at, ...rest] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split(':');
    const createdAt = Number(at);
    if (!Number.isInteger(createdAt) || rest.length === 0) throw new Error('shape');
    return { createdAt, id: rest.join(':') };
  } catch {
    throw new ApiError(400, 'invalid_cursor', 'This cursor was not issued by this API; start again without one');
  }
}

/** Newest first, with cursor pagination that stays stable while new responses arrive. */
export async function listResponses(db: Db, ws: string, q: ResponseListQuery) {
  const conditions: (SQL | undefined)[] = [
    eq(responses.workspaceId, ws),
    q.survey ? eq(responses.surveyId, q.survey) : undefined,
    q.touchpoint ? eq(responses.touchpointId, q.touchpoint) : undefined,
    q.status ? eq(responses.status, q.status) : undefined,
    q.respondent ? eq(responses.respondentId, q.respondent) : undefined,
    q.from !== undefined ? gte(responses.createdAt, q.from) : undefined,
    q.to !== undefined ? lt(responses.createdAt, q.to) : undefined,
    q.minScore !== undefined ? gte(responses.nps, q.minScore) : undefined,
    q.maxScore !== undefined ? lte(responses.nps, q.maxScore) : undefined,
  ];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conditions.push(or(lt(responses.createdAt, c.createdAt), and(eq(responses.createdAt, c.createdAt), lt(responses.id, c.id))));
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
