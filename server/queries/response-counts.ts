import { and, count, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses } from '../../db/schema';
import { facetKeys, scoreBands } from '../schemas/response';
import { baseConditions, facetCondition, facetValueCondition, type FacetKey, type ResponseFilters } from './responses';

const others = (q: ResponseFilters, key: FacetKey | null) =>
  facetKeys.filter((k) => k !== key).map((k) => facetCondition(q, k));
const tally = (...conditions: (SQL | undefined)[]) => sql<number>`coalesce(sum(case when ${and(sql`1`, ...conditions)} then 1 else 0 end), 0)`;

/**
 * How many responses match the filters (`total`), and for each facet how many each of its
 * values would match under all the other filters, so a chip shows what choosing it gives.
 * One pass over the filtered responses for the fixed facets, one over the assigned ones for assignees.
 */
export async function countResponses(db: Db, ws: string, q: ResponseFilters) {
  const where = and(...baseConditions(ws, q));
  const v = facetValueCondition;
  const fixed = {
    total: tally(...others(q, null)),
    underAssignee: tally(...others(q, 'assignee')),
    withComment: tally(v.hasComment(true), ...others(q, 'hasComment')),
    withoutComment: tally(v.hasComment(false), ...others(q, 'hasComment')),
    detractor: tally(v.scoreBand('detractor'), ...others(q, 'scoreBand')),
    passive: tally(v.scoreBand('passive'), ...others(q, 'scoreBand')),
    promoter: tally(v.scoreBand('promoter'), ...others(q, 'scoreBand')),
    negative: tally(v.sentiment('negative'), ...others(q, 'sentiment')),
    neutral: tally(v.sentiment('neutral'), ...others(q, 'sentiment')),
    positive: tally(v.sentiment('positive'), ...others(q, 'sentiment')),
    open: tally(v.loopStatus('open'), ...others(q, 'loopStatus')),
    inProgress: tally(v.loopStatus('in_progress'), ...others(q, 'loopStatus')),
    closed: tally(v.loopStatus('closed'), ...others(q, 'loopStatus')),
  };
  const [[c], assignees] = await Promise.all([
    db.select(fixed).from(responses).where(where),
    // Only the assigned (a partial index holds them); the unassigned are the rest.
    db
      .select({ assignee: responses.loopAssignee, count: count() })
      .from(responses)
      .where(and(where, isNotNull(responses.loopAssignee), ...others(q, 'assignee')))
      .groupBy(responses.loopAssignee),
  ]);
  const n = (x: number | undefined) => Number(x ?? 0);
  return {
    total: n(c?.total),
    facets: {
      hasComment: { true: n(c?.withComment), false: n(c?.withoutComment) },
      scoreBand: Object.fromEntries(scoreBands.map((b) => [b, n(c?.[b])])) as Record<(typeof scoreBands)[number], number>,
      sentiment: { negative: n(c?.negative), neutral: n(c?.neutral), positive: n(c?.positive) },
      loopStatus: { open: n(c?.open), in_progress: n(c?.inProgress), closed: n(c?.closed) },
      assignee: [...assignees.map((a) => ({ assignee: a.assignee!, count: a.count })), { assignee: 'none', count: n(c?.underAssignee) - assignees.reduce((sum, a) => sum + a.count, 0) }]
        .filter((a) => a.count > 0)
        .sort((x, y) => y.count - x.count),
    },
  };
}
export type ResponseCounts = Awaited<ReturnType<typeof countResponses>>;
