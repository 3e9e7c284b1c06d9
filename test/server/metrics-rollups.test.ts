import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { migrateLibsql, openLibsql } from '../../db/client-libsql';
import { cpiTargets, cpis, surveys, touchpoints, workspaces, type Workspace } from '../../db/schema';
import { getCes, getCsat, getNps, getSentiment } from '../../server/queries/metrics';
import { getCpiMatrix } from '../../server/queries/metrics-cpi';
import { getJourney } from '../../server/queries/metrics-journey';
import { verifyRollups } from '../../server/queries/metrics-recompute';
import { resolveScope, withSegments } from '../../server/queries/metrics-source';
import { getThemes } from '../../server/queries/metrics-themes';
import { metricsQuery } from '../../server/schemas/metrics';
import { appearance, targeting, throttling, type Question } from '../../server/contracts/survey-config';
import { deleteResponse, storeAnalysis, submitResponse, updateAnalysis } from '../../server/services/ingest';
import { applyManualTheme } from '../../server/services/manual-themes';
import { advanceSegmentBackfill, runSegmentBackfill, syncSegmentKeys } from '../../server/services/segment-backfill';

// Random streams of submissions, completions, replays, analysis writes and deletions: after
// each stream the rollups equal a recomputation from raw rows, and every endpoint returns
// the same numbers from rollups as from the raw-scan path (an attribute all rows carry).
const NOW = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;
let dir: string;
let db: Db;
let close: () => Promise<void>;
let run = 0;

const questions: Question[] = [
  { id: 'nps', kind: 'nps', text: 'Recommend?', required: true },
  { id: 'csat', kind: 'csat', text: 'Satisfied?', required: false },
  { id: 'ces', kind: 'ces', text: 'Easy?', required: false },
  { id: 'goal', kind: 'cpi', cpiId: 'cpi_a', text: 'Saved time?', required: false },
  { id: 'why', kind: 'text', text: 'Why?', required: false, maxLength: 2000 },
];

async function workspace(id: string, tz: string): Promise<Workspace> {
  await db.insert(workspaces).values({ id, name: id, publicKey: `pk_${id}`, timezone: tz, createdAt: 0 });
  for (const [i, tp] of ['tp_a', 'tp_b'].entries()) {
    await db.insert(touchpoints).values({ id: `${id}_${tp}`, workspaceId: id, name: tp, position: i, createdAt: 0, updatedAt: 0 });
    await db.insert(surveys).values({
      id: `${id}_sv_${tp}`, workspaceId: id, touchpointId: `${id}_${tp}`, name: tp, status: 'active', questions,
      targeting: targeting.parse({}), throttling: throttling.parse({}), appearance: appearance.parse({}), translations: {}, createdAt: 0, updatedAt: 0,
    });
  }
  await db.insert(cpis).values({ id: `cpi_a`, workspaceId: id, name: 'A', createdAt: 0, updatedAt: 0 }).onConflictDoNothing();
  await db.insert(cpiTargets).values({ workspaceId: id, cpiId: 'cpi_a', touchpointId: `${id}_tp_a`, target: 0.6 });
  return (await db.query.workspaces.findFirst({ where: (w, { eq }) => eq(w.id, id) }))!;
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    slot: fc.nat(11),
    tp: fc.constantFrom('tp_a', 'tp_b'),
    at: fc.integer({ min: 0, max: 40 * 24 * 4 }).map((q) => NOW - q * 15 * 60_000),
    nps: fc.integer({ min: 0, max: 10 }),
    csat: fc.option(fc.integer({ min: 1, max: 5 })),
    ces: fc.option(fc.integer({ min: 1, max: 7 })),
    goal: fc.option(fc.constantFrom('yes', 'partly', 'no')),
    why: fc.option(fc.constantFrom('slow support', 'great price', 'bugs everywhere')),
    complete: fc.boolean(),
    plan: fc.option(fc.constantFrom('free', 'pro', true, 3)),
    device: fc.option(fc.constantFrom('desktop', 'mobile')),
  }),
  fc.record({ kind: fc.constant('replay' as const) }),
  fc.record({
    kind: fc.constant('analyse' as const),
    slot: fc.nat(11),
    score: fc.double({ min: -1, max: 1, noNaN: true }),
    themes: fc.subarray(['support', 'pricing', 'bugs']),
    /** Aspect sentiment per theme, or the comment's when absent. */
    aspect: fc.option(fc.double({ min: -1, max: 1, noNaN: true })),
  }),
  fc.record({ kind: fc.constant('tag' as const), slot: fc.nat(11), theme: fc.constantFrom('support', 'pricing', 'refunds'), add: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), slot: fc.nat(11) }),
  // A few responses of a segment backfill (plan and deviceClass are added at the start).
  fc.record({ kind: fc.constant('backfill' as const), chunk: fc.integer({ min: 1, max: 4 }) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
type Submission = Parameters<typeof submitResponse>[2];

/** Runs one operation of a stream; `state.last` is the submission a replay repeats. */
async function perform(ws: Workspace, o: Op, state: { last: Submission | null }): Promise<void> {
  const id = `${ws.id}_r${'slot' in o ? o.slot : 0}`;
  try {
    if (o.kind === 'submit') {
      const answers: Record<string, string | number> = { nps: o.nps };
      if (o.csat !== null) answers.csat = o.csat;
      if (o.ces !== null) answers.ces = o.ces;
      if (o.goal !== null) answers.goal = o.goal;
      if (o.why !== null) answers.why = o.why;
      state.last = {
        id, surveyId: `${ws.id}_sv_${o.tp}`, answers, complete: o.complete, answeredAt: o.at,
        attributes: { all: 'yes', ...(o.plan !== null ? { plan: o.plan } : {}) }, ...(o.device !== null ? { deviceClass: o.device } : {}),
      };
      await submitResponse(db, ws.id, state.last, NOW);
    } else if (o.kind === 'replay' && state.last) {
      await submitResponse(db, ws.id, state.last, NOW);
    } else if (o.kind === 'analyse') {
      const row = await db.query.responses.findFirst({ where: (r, { and, eq }) => and(eq(r.workspaceId, ws.id), eq(r.id, id)) });
      if (row?.comment) {
        const label = o.score > 0.2 ? 'positive' : o.score < -0.2 ? 'negative' : 'neutral';
        const themes = o.themes.map((key, i) => ({ key, label: key, keywords: [key], ...(o.aspect !== null ? { sentiment: o.aspect / (i + 1) } : {}) }));
        await storeAnalysis(db, ws.id, id, row.comment, { sentiment: { score: o.score, label, explanation: [] }, themes }, NOW);
      }
    } else if (o.kind === 'tag') {
      // A person's tag takes the same write path as an analysis (services/theme-tags.ts).
      await updateAnalysis(db, ws.id, id, (r) =>
        r.analysis ? { analysis: applyManualTheme(r.analysis, o.theme, o.add ? { label: o.theme, category: null } : null), analyzedAt: r.analyzedAt ?? NOW } : false,
      );
    } else if (o.kind === 'delete') {
      await deleteResponse(db, ws.id, id);
    } else if (o.kind === 'backfill') {
      await advanceSegmentBackfill(db, ws.id, 1, o.chunk);
    }
  } catch (err) {
    // Completing twice or changing a complete response is refused: expected in a random stream.
    if (!(err instanceof Error && 'status' in err && (err as { status: number }).status === 409)) throw err;
  }
}

// With the group commit on the test's own thread and on its worker thread (CHORUS_DB_THREAD, as `npm start` runs it).
describe.each([false, true])('rollups under random response streams (database thread: %s)', (thread) => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chorus-metrics-'));
    const opened = await openLibsql(`file:${join(dir, 'm.db')}`, { thread });
    db = opened.db;
    close = opened.close;
    await migrateLibsql(db, 'db/migrations');
  });
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stay equal to a recomputation, and every metric agrees with the raw-scan path', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'), async (ops, tz) => {
        const ws = await workspace(`ws_p${run++}`, tz);
        // Segment keys added before the stream, backfilled a few responses at a time in it.
        await syncSegmentKeys(db, ws.id, ['plan', 'deviceClass'], NOW);
        const state = { last: null as Submission | null };
        for (const o of ops) await perform(ws, o, state);
        await runSegmentBackfill(db, ws.id);
        expect(await verifyRollups(db, ws.id)).toEqual([]);
        // An independent count in plain JS over the raw rows, for the whole range.
        const scope = resolveScope(ws, metricsQuery.parse({ bucket: 'week', from: '2026-05-01', to: '2026-06-20' }), NOW);
        const lo = scope.buckets[0]!.fromHour * 3_600_000;
        const hi = scope.buckets.at(-1)!.toHour * 3_600_000;
        const rows = (await db.query.responses.findMany({ where: (r, { eq }) => eq(r.workspaceId, ws.id) })).filter((r) => r.createdAt >= lo && r.createdAt < hi && r.nps !== null);
        const nps = await getNps(db, scope);
        const promoters = rows.filter((r) => r.nps! >= 9).length;
        const detractors = rows.filter((r) => r.nps! <= 6).length;
        expect(nps.total).toMatchObject({ n: rows.length, promoters, detractors, nps: rows.length ? (100 * (promoters - detractors)) / rows.length : null });
        expect(nps.buckets.reduce((sum, b) => sum + b.n, 0)).toBe(rows.length);
        for (const bucket of ['day', 'week', 'month'] as const) {
          const q = metricsQuery.parse({ bucket, from: '2026-05-01', to: '2026-06-20' });
          const rollups = resolveScope(ws, q, NOW);
          const raw = resolveScope(ws, { ...q, attribute: { key: 'all', value: 'yes' } }, NOW);
          for (const get of [getNps, getCsat, getCes, getSentiment, getJourney, getCpiMatrix, getThemes]) {
            const a = await get(db, rollups);
            const b = await get(db, raw);
            expect({ ...a, source: null, filters: null }).toEqual({ ...b, source: null, filters: null });
          }
          // A segment filter reads segment rollups and agrees with the raw responses.
          for (const attribute of [{ key: 'plan', value: 'pro' }, { key: 'plan', value: 'true' }, { key: 'deviceClass', value: 'mobile' }]) {
            const fromRaw = resolveScope(ws, { ...q, attribute }, NOW);
            const fromSegments = await withSegments(db, fromRaw);
            expect(fromSegments.segment).toBe(true);
            for (const get of [getNps, getCsat, getCes, getSentiment, getJourney, getCpiMatrix]) {
              const a = await get(db, fromSegments);
              expect(a.source).toBe('rollups');
              expect({ ...a, source: null }).toEqual({ ...(await get(db, fromRaw)), source: null });
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('stay equal to a recomputation when concurrent writes share a commit and their rollup upserts', async () => {
    // Operations started together land in one group commit (db/group-commit.ts), which sums
    // their rollup additions per row; writes to the same response race through the guards.
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }), async (waves) => {
        const ws = await workspace(`ws_c${run++}`, 'UTC');
        const state = { last: null as Submission | null };
        for (const wave of waves) await Promise.all(wave.map((o) => perform(ws, o, state)));
        expect(await verifyRollups(db, ws.id)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('notices a rollup that drifted from the raw rows', async () => {
    const ws = await workspace(`ws_drift`, 'UTC');
    await submitResponse(db, ws.id, { id: 'ws_drift_r1', surveyId: 'ws_drift_sv_tp_a', answers: { nps: 10 }, answeredAt: NOW - DAY }, NOW);
    expect(await verifyRollups(db, ws.id)).toEqual([]);
    await db.run(sql`UPDATE rollups SET promoters = promoters + 1 WHERE workspace_id = 'ws_drift'`);
    expect(await verifyRollups(db, ws.id)).toHaveLength(1);
    // The day rows are checked too: one drifted, one that no response accounts for.
    await db.run(sql`UPDATE daily_rollups SET detractors = detractors + 1 WHERE workspace_id = 'ws_drift'`);
    await db.run(sql`INSERT INTO daily_theme_rollups (workspace_id, survey_id, touchpoint_id, theme_key, day, mentions) VALUES ('ws_drift', 's', 't', 'k', 1, 1)`);
    expect(await verifyRollups(db, ws.id)).toHaveLength(3);
    // And the segment rollups of a ready key.
    await syncSegmentKeys(db, ws.id, ['plan'], NOW);
    await runSegmentBackfill(db, ws.id);
    await db.run(sql`UPDATE segment_rollups SET promoters = promoters + 1 WHERE workspace_id = 'ws_drift'`);
    expect(await verifyRollups(db, ws.id)).toHaveLength(4);
  });
});
