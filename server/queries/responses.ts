import { and, between, desc, eq, getTableColumns, gte, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, type ResponseRow } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { facetKeys, type ResponseListQuery, type ScoreBand } from '../schemas/response';
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
    loop: {
      status: loopStatusOf(r),
      assignee: r.loopAssignee,
      resolution: r.loopResolution ? { reason: r.loopResolution, note: r.loopResolutionNote } : null,
      updatedAt: iso(r.loopUpdatedAt),
    },
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    completedAt: iso(r.completedAt),
  };
}
export type ResponseDto = ReturnType<typeof serializeResponse>;

/** The filters of the responses list (and export), always scoped to the workspace. */
export type ResponseFilters = Omit<ResponseListQuery, 'limit' | 'cursor' | 'sort'>;
export type FacetKey = (typeof facetKeys)[number];
export type LoopState = 'open' | 'in_progress' | 'closed';

export const scoreBandRange: Record<ScoreBand, [number, number]> = { detractor: [0, 6], passive: [7, 8], promoter: [9, 10] };

/** One facet's condition for one of its values: what the inbox's chips count and filter by. */
export const facetValueCondition = {
  hasComment: (v: boolean) => (v ? isNotNull(responses.comment) : isNull(responses.comment)),
  scoreBand: (b: ScoreBand) => between(responses.nps, ...scoreBandRange[b]),
  sentiment: (s: 'negative' | 'neutral' | 'positive') => eq(responses.sentimentLabel, s),
  // `open` includes detractors nobody has acted on yet (loopStatusOf).
  loopStatus: (s: LoopState) => (s === 'open' ? or(eq(responses.loopStatus, 'open'), and(isNull(responses.loopStatus), lte(responses.nps, 6)))! : eq(responses.loopStatus, s)),
  assignee: (a: string) => (a === 'none' ? isNull(responses.loopAssignee) : eq(responses.loopAssignee, a)),
} satisfies Record<FacetKey, (v: never) => SQL>;

/** The condition of facet `key` as `q` sets it, or undefined when `q` leaves it open. */
export function facetCondition(q: ResponseFilters, key: FacetKey): SQL | undefined {
  switch (key) {
    case 'hasComment':
      return q.hasComment === undefined ? undefined : facetValueCondition.hasComment(q.hasComment);
    case 'scoreBand':
      return q.scoreBand ? facetValueCondition.scoreBand(q.scoreBand) : undefined;
    case 'sentiment':
      return q.sentiment ? facetValueCondition.sentiment(q.sentiment) : undefined;
    case 'loopStatus': {
      const s = q.loopStatus ?? q.loop;
      return s ? facetValueCondition.loopStatus(s) : undefined;
    }
    case 'assignee':
      return q.assignee ? facetValueCondition.assignee(q.assignee) : undefined;
  }
}

/** Every filter but the facets (workspace, survey, dates, scores, theme, segment, search). */
export function baseConditions(ws: string, q: ResponseFilters): (SQL | undefined)[] {
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
    q.cpi !== undefined
      ? sql`EXISTS (SELECT 1 FROM json_each(${responses.cpiAnswers}) WHERE json_extract(value, '$.cpiId') = ${q.cpi}${q.cpiAnswer ? sql` AND json_extract(value, '$.answer') = ${q.cpiAnswer}` : sql``})`
      : undefined,
    // The key is restricted to [A-Za-z0-9_-], so it is safe inside the JSON path.
    q.attribute !== undefined ? sql`CAST(json_extract(${responses.attributes}, ${`$."${q.attribute.key}"`}) AS TEXT) = ${q.attribute.value}` : undefined,
    // Nothing searchable in `q` (only punctuation) matches nothing, rather than everything.
    q.q ? searchCondition(q.q) : undefined,
  ];
}

/** The filters of the responses list (and export), always scoped to the workspace. */
export function responseConditions(ws: string, q: ResponseFilters): (SQL | undefined)[] {
  return [...baseConditions(ws, q), ...facetKeys.map((k) => facetCondition(q, k))];
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
