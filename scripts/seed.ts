import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client, InStatement } from '@libsql/client';
import { migrateLibsql, openLibsql } from '../db/client-libsql';
import { sha256Hex } from '../server/crypto';
import { dailyFromHourly } from '../server/queries/rollup-writes';
import { rollupDeltas, type RollupDelta } from '../server/services/contribution';
import { prng } from '../server/seed/prng';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { workspaces } from '../db/schema';
import { runSegmentBackfill, syncSegmentKeys } from '../server/services/segment-backfill';

// Synthetic responses for benchmarks and load tests: `npm run seed -- --responses 1000000`.
// Rows go in as multi-row INSERTs inside large transactions; rollups are summed in memory
// from the same `rollupDeltas` that ingestion uses and written once at the end.

export interface SeedOptions {
  db: string;
  responses: number;
  days: number;
  touchpoints: number;
  workspace: string;
  apiKey: string;
  /** The last day seeded ends here (ms). */
  now: number;
}

const DAY = 86_400_000;
const THEMES = ['support', 'pricing', 'onboarding', 'bugs', 'speed', 'docs', 'billing', 'ux'];
const COMMENTS = ['Support was slow to answer', 'Great value for the price', 'Setup took too long', 'Found a bug in export', 'Fast and easy', 'Docs are unclear'];
const ACCOUNTS = 200;
const ROWS_PER_INSERT = 1000; // × 19 parameters, well under SQLite's 32 766
const ROWS_PER_TRANSACTION = 50_000;


const columns = ['workspace_id', 'id', 'survey_id', 'touchpoint_id', 'status', 'answers', 'nps', 'csat', 'ces', 'comment', 'cpi_answers', 'attributes', 'sentiment_score', 'sentiment_label', 'analysis', 'analyzed_at', 'version', 'created_at', 'updated_at'] as const;
type Value = string | number | null;

async function setUp(client: Client, o: SeedOptions): Promise<void> {
  const ws = o.workspace;
  const stmts: InStatement[] = [
    { sql: `INSERT INTO workspaces (id, name, public_key, timezone, created_at) VALUES (?, ?, ?, 'Europe/Paris', ?)`, args: [ws, 'Bench', `pk_${ws}`, o.now - o.days * DAY] },
    { sql: `INSERT INTO api_keys (id, workspace_id, name, prefix, hash, role, created_at) VALUES (?, ?, 'seed', ?, ?, 'owner', ?)`, args: [`key_${ws}`, ws, o.apiKey.slice(0, 10), await sha256Hex(o.apiKey), o.now] },
    { sql: `INSERT INTO cpis (id, workspace_id, name, created_at, updated_at) VALUES (?, ?, 'Saves me time', 0, 0), (?, ?, 'Solved first time', 0, 0)`, args: [`${ws}_cpi_1`, ws, `${ws}_cpi_2`, ws] },
  ];
  for (let t = 0; t < o.touchpoints; t++) {
    const tp = `${ws}_tp_${t}`;
    stmts.push(
      { sql: `INSERT INTO touchpoints (id, workspace_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)`, args: [tp, ws, `Touchpoint ${t + 1}`, t] },
      { sql: `INSERT INTO cpi_targets (workspace_id, cpi_id, touchpoint_id, target) VALUES (?, ?, ?, 0.7), (?, ?, ?, 0.8)`, args: [ws, `${ws}_cpi_1`, tp, ws, `${ws}_cpi_2`, tp] },
      {
        sql: `INSERT INTO surveys (id, workspace_id, touchpoint_id, name, status, questions, targeting, throttling, appearance, translations, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, '{}', '{}', '{}', '{}', 0, 0)`,
        args: [`${ws}_sv_${t}`, ws, tp, `Survey ${t + 1}`, JSON.stringify([{ id: 'nps', kind: 'nps', text: 'Recommend us?', required: true }])],
      },
    );
  }
  await client.batch(stmts, 'write');
}

/** One synthetic response: NPS drifting by touchpoint and season, CSAT, CES, CPIs, some comments with analysis. */
function generate(o: SeedOptions, rand: () => number, i: number): { values: Value[]; deltas: RollupDelta[] } {
  const t = Math.floor(rand() * o.touchpoints);
  const createdAt = o.now - Math.floor(rand() * o.days * DAY);
  const mood = Math.sin(createdAt / (40 * DAY) + t) * 0.3 + (t % 2 ? 0.2 : -0.1) + (rand() - 0.5) * 1.6;
  const nps = Math.max(0, Math.min(10, Math.round(7.2 + mood * 4)));
  const csat = rand() < 0.6 ? Math.max(1, Math.min(5, Math.round(3.7 + mood * 2))) : null;
  const ces = rand() < 0.5 ? Math.max(1, Math.min(7, Math.round(5 + mood * 2.5))) : null;
  const answerOf = () => (mood + rand() * 0.6 > 0.3 ? 'yes' : mood > -0.3 ? 'partly' : 'no') as 'yes' | 'partly' | 'no';
  const cpiAnswers = [{ cpiId: `${o.workspace}_cpi_1`, answer: answerOf() }, ...(rand() < 0.5 ? [{ cpiId: `${o.workspace}_cpi_2`, answer: answerOf() }] : [])];
  const partial = rand() < 0.08;
  const comment = !partial && rand() < 0.35 ? COMMENTS[Math.floor(rand() * COMMENTS.length)]! : null;
  let analysis: { sentiment: { score: number; label: 'positive' | 'neutral' | 'negative'; explanation: never[] }; themes: { key: string; label: string; keywords: string[] }[] } | null = null;
  if (comment) {
    const score = Math.round(Math.max(-1, Math.min(1, mood + (rand() - 0.5) * 0.4)) * 1000) / 1000;
    const label = score > 0.2 ? 'positive' : score < -0.2 ? 'negative' : 'neutral';
    const picked = THEMES.filter(() => rand() < 0.18).slice(0, 3);
    analysis = { sentiment: { score, label, explanation: [] }, themes: picked.map((key) => ({ key, label: key, keywords: [key] })) };
  }
  const status = partial ? 'partial' : 'complete';
  const answers = { nps, ...(csat !== null ? { csat } : {}), ...(ces !== null ? { ces } : {}), ...(comment ? { comment } : {}) };
  const account = Math.floor(rand() * ACCOUNTS);
  const attributes = {
    plan: ['free', 'pro', 'enterprise'][Math.floor(rand() * 3)]!,
    region: ['EMEA', 'NA', 'APAC'][Math.floor(rand() * 3)]!,
    // About 200 accounts with a revenue and a renewal date, for the account-health endpoint.
    accountId: `acct_${account}`,
    arr: 5000 + ((account * 7919) % 200) * 2500,
    renewalDate: new Date(o.now + ((account * 37) % 365) * DAY).toISOString().slice(0, 10),
  };
  const state = {
    surveyId: `${o.workspace}_sv_${t}`, touchpointId: `${o.workspace}_tp_${t}`, createdAt, status, nps, csat, ces, comment, cpiAnswers,
    sentimentScore: analysis?.sentiment.score ?? null, sentimentLabel: analysis?.sentiment.label ?? null, analysis,
  } as const;
  const values: Value[] = [
    o.workspace, `seed_${i}`, state.surveyId, state.touchpointId, status, JSON.stringify(answers), nps, csat, ces, comment,
    JSON.stringify(cpiAnswers), JSON.stringify(attributes), state.sentimentScore, state.sentimentLabel, analysis && JSON.stringify(analysis),
    analysis ? createdAt : null, 1, createdAt, createdAt,
  ];
  return { values, deltas: rollupDeltas(null, { ...state, cpiAnswers: [...cpiAnswers] }) };
}

const deltaKey = (d: RollupDelta) => `${d.kind}|${d.surveyId}|${d.touchpointId}|${d.hour}|${d.kind === 'cpi' ? d.cpiId : d.kind === 'theme' ? d.themeKey : ''}`;

async function insertRollups(client: Client, workspaceId: string, totals: Map<string, RollupDelta>): Promise<void> {
  const tables = { main: 'rollups', cpi: 'cpi_rollups', theme: 'theme_rollups' } as const;
  const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const stmts: InStatement[] = [];
  for (const kind of ['main', 'cpi', 'theme'] as const) {
    const list = [...totals.values()].filter((d) => d.kind === kind);
    if (list.length === 0) continue;
    const fields = Object.keys(list[0]!.values);
    const extra = kind === 'cpi' ? ['cpi_id'] : kind === 'theme' ? ['theme_key'] : [];
    const cols = ['workspace_id', 'survey_id', 'touchpoint_id', ...extra, 'hour', ...fields.map(snake)].map((c) => `"${c}"`);
    for (let i = 0; i < list.length; i += 1000) {
      const part = list.slice(i, i + 1000);
      const args = part.flatMap((d) => [workspaceId, d.surveyId, d.touchpointId, ...(d.kind === 'cpi' ? [d.cpiId] : d.kind === 'theme' ? [d.themeKey] : []), d.hour, ...fields.map((f) => (d.values as Record<string, number>)[f]!)]);
      const row = `(${cols.map(() => '?').join(',')})`;
      stmts.push({ sql: `INSERT INTO ${tables[kind]} (${cols.join(',')}) VALUES ${part.map(() => row).join(',')}`, args });
    }
  }
  await client.batch(stmts, 'write');
}

/** Makes `plan` and `region` segment keys of the workspace and backfills their rollups (as adding them in the settings does). */
export async function seedSegments(db: Db, workspaceId: string): Promise<void> {
  await db.update(workspaces).set({ settings: sql`json_set(${workspaces.settings}, '$.segmentKeys', json('["plan","region"]'))` }).where(eq(workspaces.id, workspaceId));
  await syncSegmentKeys(db, workspaceId, ['plan', 'region']);
  await runSegmentBackfill(db, workspaceId);
}

/** Creates the workspace and `o.responses` responses with exact rollups; returns the elapsed ms. */
export async function seed(o: SeedOptions): Promise<number> {
  const started = Date.now();
  if (o.db.startsWith('file:')) mkdirSync(dirname(resolve(o.db.slice(5))), { recursive: true });
  const { db, client, close } = await openLibsql(o.db);
  try {
    await migrateLibsql(db, resolve(import.meta.dirname, '../db/migrations'));
    await client.execute('PRAGMA synchronous = OFF'); // a seed can be redone; speed over durability
    await setUp(client, o);
    const rand = prng(o.responses * 31 + o.days);
    const totals = new Map<string, RollupDelta>();
    const row = `(${columns.map(() => '?').join(',')})`;
    for (let start = 0; start < o.responses; start += ROWS_PER_TRANSACTION) {
      const stmts: InStatement[] = [];
      const end = Math.min(o.responses, start + ROWS_PER_TRANSACTION);
      for (let i = start; i < end; i += ROWS_PER_INSERT) {
        const args: Value[] = [];
        const count = Math.min(ROWS_PER_INSERT, end - i);
        for (let k = 0; k < count; k++) {
          const g = generate(o, rand, i + k);
          args.push(...g.values);
          for (const d of g.deltas) {
            const prev = totals.get(deltaKey(d));
            if (!prev) totals.set(deltaKey(d), d);
            else for (const [f, v] of Object.entries(d.values)) (prev.values as Record<string, number>)[f]! += v;
          }
        }
        stmts.push({ sql: `INSERT INTO responses (${columns.join(',')}) VALUES ${Array(count).fill(row).join(',')}`, args });
      }
      await client.batch(stmts, 'write');
    }
    await insertRollups(client, o.workspace, totals);
    await client.batch(dailyFromHourly(o.workspace).map((st) => ({ sql: st.sql, args: [...st.params] })), 'write');
    await seedSegments(db, o.workspace);
    await client.execute('ANALYZE');
  } finally {
    close();
  }
  return Date.now() - started;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const responses = Number(arg('responses', '100000'));
  const days = Number(arg('days', '365'));
  const touchpoints = Number(arg('touchpoints', '5'));
  const db = arg('db', `file:data/bench/seed-${responses}-${days}-${touchpoints}.db`);
  if (db.startsWith('file:') && existsSync(db.slice(5))) {
    console.error(`${db} exists; delete it or pass another --db`);
    process.exit(1);
  }
  const options = { db, responses, days, touchpoints, workspace: arg('workspace', 'ws_seed'), apiKey: arg('api-key', 'ck_seed_0123456789abcdef0123456789abcdef'), now: Date.now() };
  const ms = await seed(options);
  console.log(`Seeded ${responses.toLocaleString('en')} responses over ${days} days and ${touchpoints} touchpoints into ${db} in ${(ms / 1000).toFixed(1)} s`);
  console.log(`Workspace ${options.workspace}, API key ${options.apiKey}`);
}
