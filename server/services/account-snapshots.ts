import type { Db } from '../../db/client';
import type { Workspace } from '../../db/schema';
import type { Background } from '../env';
import { accountsWindow, computeAccountFacts, listAccounts, presentAccounts, type AccountsSource, type AccountsWindow, type FactsRow } from '../queries/account-health';
import { latestSnapshot, readSnapshot, storeSnapshot, type AccountSnapshot } from '../queries/account-snapshots';
import type { AccountsQuery } from '../schemas/accounts';
import { workspaceSettings } from '../contracts/survey-config';

/**
 * A snapshot older than this is still served, and recomputed in the background
 * (stale-while-revalidate); `CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE` (seconds) overrides it.
 */
export const SNAPSHOT_MAX_AGE_MS = 15 * 60_000;

/** `CHORUS_ACCOUNT_SNAPSHOT_MAX_AGE` (seconds, ≥ 0) in ms; unset or invalid: the default. */
export function parseSnapshotMaxAge(value: string | undefined): number | undefined {
  const seconds = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export interface SnapshotOptions {
  /** Where a stale snapshot is recomputed; without it a stale snapshot is recomputed before answering. */
  background?: Background;
  maxAgeMs?: number;
  /** Compute from the responses even when a snapshot is fresh (the Monday digest job). */
  refresh?: boolean;
  now?: number;
}

/** Snapshots are kept for the default window only: 365 local days in one time zone. */
const windowKey = (tz: string) => `365d ${tz}`;

/** Windows being recomputed in this process or isolate, so a burst of stale reads starts one computation. */
const refreshing = new Set<string>();

async function compute(db: Db, workspace: Workspace, window: AccountsWindow, now: number): Promise<FactsRow[]> {
  const rows = await computeAccountFacts(db, workspace, window);
  const { accountAttribute, revenueAttribute } = workspaceSettings.parse(workspace.settings);
  await storeSnapshot(db, workspace.id, windowKey(window.tz), { accountAttribute, revenueAttribute, window, rows }, now);
  return rows;
}

/**
 * The health facts of the 365-day window ending on local day `to` (default: today) from
 * its snapshot. Without `to`, yesterday's snapshot is served while today's is computed in the
 * background (its answer says which window and when it was computed). A snapshot computed with other
 * account or revenue attributes is not used. No snapshot: computed now and stored.
 */
export async function snapshotFacts(db: Db, workspace: Workspace, q: { to?: number; tz?: string }, opts: SnapshotOptions = {}) {
  const now = opts.now ?? Date.now();
  const window = accountsWindow(workspace, q, now);
  const key = windowKey(window.tz);
  const settings = workspaceSettings.parse(workspace.settings);
  // The latest snapshot stands in for today's only when it is of yesterday at the oldest (a
  // digest's snapshot of last Sunday is not what "the last 365 days" should show).
  const yesterday = new Date(Date.parse(window.to) - 86_400_000).toISOString().slice(0, 10);
  const matches = (s: AccountSnapshot | undefined): s is AccountSnapshot =>
    s !== undefined && s.accountAttribute === settings.accountAttribute && s.revenueAttribute === settings.revenueAttribute && s.window.to >= yesterday;
  const snap = opts.refresh ? undefined : q.to === undefined ? await latestSnapshot(db, workspace.id, key) : await readSnapshot(db, workspace.id, key, window.to);
  if (matches(snap)) {
    // Even a past window's snapshot ages: answers may be backdated up to 400 days
    // (answeredAt) and comments analysed late, and neither deletes snapshots.
    const stale = now - snap.computedAt > (opts.maxAgeMs ?? SNAPSHOT_MAX_AGE_MS) || snap.window.to !== window.to;
    if (!stale || opts.background) {
      const flight = `${workspace.id} ${key}`;
      if (stale && opts.background && !refreshing.has(flight)) {
        refreshing.add(flight);
        opts.background(() => compute(db, workspace, window, Date.now()).then(() => undefined).finally(() => refreshing.delete(flight)));
      }
      const from: AccountsSource = { source: 'snapshot', computedAt: snap.computedAt };
      return { window: snap.window, rows: snap.rows, from };
    }
  }
  const from: AccountsSource = { source: 'responses' };
  return { window, rows: await compute(db, workspace, window, now), from };
}

/**
 * `GET /api/v1/accounts`: the default window answers from its snapshot, a custom `from` or `to`
 * is computed from the responses (the slow path, docs/METRICS.md).
 */
export async function accountsAnswer(db: Db, workspace: Workspace, q: AccountsQuery, opts: SnapshotOptions = {}) {
  const now = opts.now ?? Date.now();
  if (q.from !== undefined || q.to !== undefined) return listAccounts(db, workspace, q, now);
  const { window, rows, from } = await snapshotFacts(db, workspace, { tz: q.tz }, { ...opts, now });
  return presentAccounts(db, workspace, q, window, rows, from, now);
}

/** The accounts answer of the 365 days ending on local day `to`, from that day's snapshot (the digest). */
export async function accountsAsOf(db: Db, workspace: Workspace, q: AccountsQuery & { to: number }, opts: SnapshotOptions = {}) {
  const now = opts.now ?? Date.now();
  const { window, rows, from } = await snapshotFacts(db, workspace, { to: q.to, tz: q.tz }, { ...opts, now });
  return presentAccounts(db, workspace, q, window, rows, from, now);
}
