import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { touchpoints, type Workspace } from '../../db/schema';
import { healthScore, RECENT_COMMENTS, type AccountHealth, type HealthFacts } from '../metrics/health';
import type { AccountsQuery } from '../schemas/accounts';
import { workspaceSettings } from '../contracts/survey-config';
import { attributeText, resolveScope } from './metrics-source';

const HOUR = 3_600_000;

/** One account (touchpoint '') or account × touchpoint, with the facts the health score reads. */
export interface FactsRow extends HealthFacts {
  account: string;
  touchpointId: string;
  responses: number;
  revenue: string | null;
  renewalDate: string | null;
  touchpoints: string | null;
}

/**
 * Health facts per account and per account × touchpoint, aggregated in SQL over the
 * responses of the range that name an account: one statement over the (workspace,
 * created_at) index range. Every response in range is read once (the CTE is materialised),
 * so the cost grows with the responses in range (docs/METRICS.md). Latest values are found
 * by packing the time with the value (t × 16 + score; a zero-padded t before text) and
 * taking the maximum; the last comments by a row number per account, newest first.
 */
export async function accountFacts(db: Db, workspaceId: string, accountKey: string, revenueKey: string, fromMs: number, toMs: number): Promise<FactsRow[]> {
  const account = attributeText(accountKey);
  const aggregates = (rank: string) =>
    sql.raw(`count(*) AS "responses", max(t) AS "lastAt",
      max(CASE WHEN nps IS NOT NULL THEN t * 16 + nps END) % 16 AS "latestNps",
      max(CASE WHEN csat IS NOT NULL THEN t * 16 + csat END) % 16 AS "latestCsat",
      coalesce(sum(ca), 0) AS "cpiAnswered", coalesce(sum(ch), 0) AS "cpiHalves", count(s) AS "sentimentN",
      avg(CASE WHEN ${rank} <= ${RECENT_COMMENTS} THEN s END) AS "recent", avg(CASE WHEN ${rank} > ${RECENT_COMMENTS} THEN s END) AS "earlier",
      substr(max(CASE WHEN revenue IS NOT NULL AND revenue <> '' THEN printf('%015d', t) || revenue END), 16) AS "revenue",
      substr(max(CASE WHEN renewal IS NOT NULL AND renewal <> '' THEN printf('%015d', t) || renewal END), 16) AS "renewalDate"`);
  const rows = await db.all<FactsRow>(sql`WITH base AS MATERIALIZED (
      SELECT ${account} AS account, ${attributeText(revenueKey)} AS revenue, ${attributeText('renewalDate')} AS renewal, r.touchpoint_id AS tp,
        r.created_at AS t, r.nps AS nps, r.csat AS csat, r.sentiment_score AS s, json_array_length(r.cpi_answers) AS ca,
        (SELECT coalesce(sum(CASE json_extract(j.value, '$.answer') WHEN 'yes' THEN 2 WHEN 'partly' THEN 1 ELSE 0 END), 0) FROM json_each(r.cpi_answers) j) AS ch
      FROM responses r
      WHERE r.workspace_id = ${workspaceId} AND r.created_at >= ${fromMs} AND r.created_at < ${toMs} AND ${account} IS NOT NULL AND ${account} <> ''
    ), ranked AS (
      SELECT *,
        CASE WHEN s IS NOT NULL THEN row_number() OVER (PARTITION BY account, s IS NULL ORDER BY t DESC) END AS rank_all,
        CASE WHEN s IS NOT NULL THEN row_number() OVER (PARTITION BY account, tp, s IS NULL ORDER BY t DESC) END AS rank_tp
      FROM base
    )
    SELECT account AS "account", '' AS "touchpointId", group_concat(DISTINCT tp) AS "touchpoints", ${aggregates('rank_all')} FROM ranked GROUP BY account
    UNION ALL
    SELECT account, tp, NULL, ${aggregates('rank_tp')} FROM ranked GROUP BY account, tp`);
  return rows.map((r) => ({ ...r, lastAt: Number(r.lastAt), cpiAnswered: Number(r.cpiAnswered), cpiHalves: Number(r.cpiHalves), sentimentN: Number(r.sentimentN), responses: Number(r.responses) }));
}

const asNumber = (v: string | null): number | null => (v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

export interface AccountSummary {
  account: string;
  revenue: number | null;
  renewalDate: string | null;
  responses: number;
  lastResponseAt: string;
  touchpoints: string[];
  health: AccountHealth;
}

/** `facts` at one touchpoint or all; revenue and renewal always from the account's latest responses anywhere. */
function summarise(facts: FactsRow, account: FactsRow, asOf: number): AccountSummary {
  return {
    account: facts.account,
    revenue: asNumber(account.revenue),
    renewalDate: account.renewalDate || null,
    responses: facts.responses,
    lastResponseAt: new Date(facts.lastAt).toISOString(),
    touchpoints: facts.touchpointId ? [facts.touchpointId] : (account.touchpoints ?? '').split(',').filter(Boolean).sort(),
    health: healthScore(facts, asOf),
  };
}

const atRisk = (list: AccountSummary[]) => list.filter((a) => a.health.band === 'red').reduce((s, a) => s + (a.revenue ?? 0), 0);
const bands = (list: AccountSummary[]) => ({
  green: list.filter((a) => a.health.band === 'green').length,
  yellow: list.filter((a) => a.health.band === 'yellow').length,
  red: list.filter((a) => a.health.band === 'red').length,
});

const sorters: Record<AccountsQuery['sort'], (a: AccountSummary, b: AccountSummary) => number> = {
  score: (a, b) => a.health.score - b.health.score,
  revenue: (a, b) => (a.revenue ?? -Infinity) - (b.revenue ?? -Infinity),
  lastResponse: (a, b) => a.lastResponseAt.localeCompare(b.lastResponseAt),
  responses: (a, b) => a.responses - b.responses,
  account: () => 0,
};

/** Where the answer's facts came from: computed now from the responses, or read from a snapshot (server/services/account-snapshots.ts). */
export type AccountsSource = { source: 'responses' } | { source: 'snapshot'; computedAt: number };

/** The window an accounts answer covers: the scope's local dates and its bounds in ms. */
export interface AccountsWindow {
  from: string;
  to: string;
  tz: string;
  hourAligned: boolean;
  fromMs: number;
  toMs: number;
}

/** The window of `q` (default: the 365 local days up to today). */
export function accountsWindow(workspace: Workspace, q: Pick<AccountsQuery, 'from' | 'to' | 'tz'>, now = Date.now()): AccountsWindow {
  const scope = resolveScope(workspace, { bucket: 'month', from: q.from, to: q.to, tz: q.tz }, now);
  return { from: scope.from, to: scope.to, tz: scope.tz, hourAligned: scope.hourAligned, fromMs: scope.buckets[0]!.fromHour * HOUR, toMs: scope.buckets[scope.buckets.length - 1]!.toHour * HOUR };
}

/** The health facts of `window`, computed from the responses (the slow path: every response in the window is read). */
export function computeAccountFacts(db: Db, workspace: Workspace, window: AccountsWindow): Promise<FactsRow[]> {
  const settings = workspaceSettings.parse(workspace.settings);
  return accountFacts(db, workspace.id, settings.accountAttribute, settings.revenueAttribute, window.fromMs, window.toMs);
}

/**
 * Accounts of the workspace (responses rolled up through the `accountAttribute` setting)
 * with their health, revenue (`revenueAttribute`), renewal date and activity; the summary
 * gives revenue at risk (revenue of red accounts) in total and per touchpoint, where an
 * account's health at a touchpoint is computed from its responses there. Computed live.
 */
export async function listAccounts(db: Db, workspace: Workspace, q: AccountsQuery, now = Date.now()) {
  const window = accountsWindow(workspace, q, now);
  const rows = await computeAccountFacts(db, workspace, window);
  return presentAccounts(db, workspace, q, window, rows, { source: 'responses' }, now);
}

/**
 * The accounts answer from the facts `rows` of `window`, however they were obtained: health is
 * scored here, as of min(now, end of window), so a snapshot's recency stays current; then band,
 * touchpoint, sort, order and page are applied in memory.
 */
export async function presentAccounts(db: Db, workspace: Workspace, q: AccountsQuery, window: AccountsWindow, rows: readonly FactsRow[], from: AccountsSource, now = Date.now()) {
  const settings = workspaceSettings.parse(workspace.settings);
  const asOf = Math.min(now, window.toMs);
  const tps = await db.select({ id: touchpoints.id, name: touchpoints.name }).from(touchpoints).where(eq(touchpoints.workspaceId, workspace.id)).orderBy(asc(touchpoints.position));
  const whole = new Map(rows.filter((r) => r.touchpointId === '').map((r) => [r.account, r]));
  const at = (touchpointId: string) => rows.filter((r) => r.touchpointId === touchpointId).map((r) => summarise(r, whole.get(r.account)!, asOf));
  const inScope = q.touchpoint ? at(q.touchpoint) : [...whole.values()].map((r) => summarise(r, r, asOf));
  const revenue = inScope.reduce((s, a) => s + (a.revenue ?? 0), 0);

  const order = q.order ?? (q.sort === 'score' || q.sort === 'account' ? 'asc' : 'desc');
  const sign = order === 'asc' ? 1 : -1;
  const listed = inScope
    .filter((a) => !q.band || a.health.band === q.band)
    .sort((a, b) => sign * (sorters[q.sort](a, b) || a.account.localeCompare(b.account)));
  return {
    filters: { touchpoint: q.touchpoint ?? null, band: q.band ?? null },
    from: window.from,
    to: window.to,
    timeZone: { name: window.tz, hourAligned: window.hourAligned },
    source: from.source,
    computedAt: new Date(from.source === 'snapshot' ? from.computedAt : now).toISOString(),
    settings: { accountAttribute: settings.accountAttribute, revenueAttribute: settings.revenueAttribute },
    sort: q.sort,
    order,
    summary: {
      accounts: inScope.length,
      revenue,
      arrAtRisk: atRisk(inScope),
      bands: bands(inScope),
      byTouchpoint: tps.map((tp) => {
        const list = q.touchpoint === tp.id ? inScope : at(tp.id);
        return { touchpointId: tp.id, name: tp.name, accounts: list.length, arrAtRisk: atRisk(list), bands: bands(list) };
      }),
    },
    total: listed.length,
    accounts: listed.slice(q.offset, q.offset + q.limit),
  };
}
