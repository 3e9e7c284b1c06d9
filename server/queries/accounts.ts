import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { touchpoints, type Workspace } from '../../db/schema';
import { accountHealth, type AccountHealth, type HealthInput } from '../metrics/health';
import type { AccountsQuery } from '../schemas/accounts';
import { workspaceSettings } from '../schemas/survey-config';
import { attributeText, groupBy, resolveScope } from './metrics-source';

const HOUR = 3_600_000;

interface Row extends HealthInput {
  account: string;
  revenue: string | null;
  renewalDate: string | null;
  touchpointId: string;
}

/**
 * The responses of the range that name an account, oldest first, with their CPI answers
 * counted in SQL. One statement over the (workspace, created_at) index range; every
 * response in range is read, so the cost grows with responses (docs/METRICS.md).
 */
function accountRows(db: Db, workspaceId: string, accountKey: string, revenueKey: string, fromMs: number, toMs: number): Promise<Row[]> {
  const account = attributeText(accountKey);
  return db.all<Row>(sql`SELECT ${account} AS "account", ${attributeText(revenueKey)} AS "revenue", ${attributeText('renewalDate')} AS "renewalDate",
      r.touchpoint_id AS "touchpointId", r.created_at AS "createdAt", r.nps AS "nps", r.csat AS "csat", r.sentiment_score AS "sentiment",
      json_array_length(r.cpi_answers) AS "cpiAnswered",
      (SELECT coalesce(sum(CASE json_extract(j.value, '$.answer') WHEN 'yes' THEN 2 WHEN 'partly' THEN 1 ELSE 0 END), 0) FROM json_each(r.cpi_answers) j) AS "cpiHalves"
    FROM responses r
    WHERE r.workspace_id = ${workspaceId} AND r.created_at >= ${fromMs} AND r.created_at < ${toMs} AND ${account} IS NOT NULL AND ${account} <> ''
    ORDER BY r.created_at`);
}

/** The last non-empty value of a text column, as a number when it is one. */
function lastValue(rows: Row[], pick: (r: Row) => string | null): string | null {
  for (let i = rows.length - 1; i >= 0; i--) {
    const v = pick(rows[i]!);
    if (v !== null && v !== '') return v;
  }
  return null;
}
const asNumber = (v: string | null): number | null => (v !== null && Number.isFinite(Number(v)) ? Number(v) : null);

export interface AccountSummary {
  account: string;
  revenue: number | null;
  renewalDate: string | null;
  responses: number;
  lastResponseAt: string;
  touchpoints: string[];
  health: AccountHealth;
}

function summarise(account: string, rows: Row[], all: Row[], asOf: number): AccountSummary {
  return {
    account,
    // Revenue and renewal come from the account's latest responses at any touchpoint.
    revenue: asNumber(lastValue(all, (r) => r.revenue)),
    renewalDate: lastValue(all, (r) => r.renewalDate),
    responses: rows.length,
    lastResponseAt: new Date(rows[rows.length - 1]!.createdAt).toISOString(),
    touchpoints: [...new Set(rows.map((r) => r.touchpointId))].sort(),
    health: accountHealth(rows, asOf)!,
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

/**
 * Accounts of the workspace (responses rolled up through the `accountAttribute` setting)
 * with their health, revenue (`revenueAttribute`), renewal date and activity; the summary
 * gives revenue at risk (revenue of red accounts) in total and per touchpoint, where an
 * account's health at a touchpoint is computed from its responses there.
 */
export async function listAccounts(db: Db, workspace: Workspace, q: AccountsQuery, now = Date.now()) {
  const settings = workspaceSettings.parse(workspace.settings);
  const scope = resolveScope(workspace, { bucket: 'month', from: q.from, to: q.to, tz: q.tz }, now);
  const fromMs = scope.buckets[0]!.fromHour * HOUR;
  const toMs = scope.buckets[scope.buckets.length - 1]!.toHour * HOUR;
  const asOf = Math.min(now, toMs);
  const [rows, tps] = await Promise.all([
    accountRows(db, workspace.id, settings.accountAttribute, settings.revenueAttribute, fromMs, toMs),
    db.select({ id: touchpoints.id, name: touchpoints.name }).from(touchpoints).where(eq(touchpoints.workspaceId, workspace.id)).orderBy(asc(touchpoints.position)),
  ]);
  const byAccount = groupBy(rows, (r) => r.account);
  const at = (touchpointId: string) =>
    [...byAccount].flatMap(([account, all]) => {
      const here = all.filter((r) => r.touchpointId === touchpointId);
      return here.length > 0 ? [summarise(account, here, all, asOf)] : [];
    });
  const inScope = q.touchpoint ? at(q.touchpoint) : [...byAccount].map(([account, all]) => summarise(account, all, all, asOf));
  const revenue = inScope.reduce((s, a) => s + (a.revenue ?? 0), 0);

  const order = q.order ?? (q.sort === 'score' || q.sort === 'account' ? 'asc' : 'desc');
  const sign = order === 'asc' ? 1 : -1;
  const listed = inScope
    .filter((a) => !q.band || a.health.band === q.band)
    .sort((a, b) => sign * (sorters[q.sort](a, b) || a.account.localeCompare(b.account)));
  return {
    filters: { touchpoint: q.touchpoint ?? null, band: q.band ?? null },
    from: scope.from,
    to: scope.to,
    timeZone: { name: scope.tz, hourAligned: scope.hourAligned },
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
