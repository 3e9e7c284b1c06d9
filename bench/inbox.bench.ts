import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { migrateLibsql, openLibsql } from '../db/client-libsql';
import { createApp } from '../server/app';
import { medianMs, type Bench, type BenchRow } from './types';

// The inbox on the 1,000,000-response bench database that metrics.bench.ts seeds (run it
// first): a page of responses and the facet counts of GET /api/v1/responses/counts, each with
// the inbox's filters, through the app (createApp + app.request, no network). Medians of RUNS.
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WS = 'ws_seed';
const KEY = 'ck_seed_0123456789abcdef0123456789abcdef';
const ASSIGNEE = 'usr_bench_assignee';

const bench: Bench = async () => {
  const file = resolve(import.meta.dirname, `../data/bench/metrics-${RESPONSES}-365-5-accounts.db`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench -- metrics\` first, it seeds it`);
  const { db, client, close } = await openLibsql(`file:${file}`);
  try {
    await migrateLibsql(db, resolve(import.meta.dirname, '../db/migrations'));
    // A few hundred followed-up detractors, as a team's inbox has: the rare filters (closed, one assignee).
    await client.execute(`UPDATE responses SET loop_status = 'closed', loop_assignee = '${ASSIGNEE}' WHERE workspace_id = '${WS}' AND nps <= 6 AND rowid % 2000 = 3`);
    const app = createApp({ db: () => db, background: () => () => {} });
    const get = (path: string) => async () => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${KEY}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.json();
    };
    const time = (fn: () => Promise<void>) => medianMs(fn, RUNS);
    const filters = ['', 'hasComment=true&scoreBand=detractor&sentiment=negative', 'loopStatus=closed', `assignee=${ASSIGNEE}`, 'scoreBand=promoter&hasComment=false'];
    const rows: BenchRow[] = [];
    for (const f of filters) {
      rows.push({ group: 'inbox', name: `list 25 ${f || '(no filter)'}`, value: await time(get(`/api/v1/responses?limit=25&${f}`)), unit: 'ms', target: '< 200 ms' });
      rows.push({ group: 'inbox', name: `counts ${f || '(no filter)'}`, value: await time(get(`/api/v1/responses/counts?${f}`)), unit: 'ms', target: '< 1500 ms' });
    }
    for (const r of rows) r.pass = r.value < (r.name.startsWith('list') ? 200 : 1500);
    const plan = await client.execute(`EXPLAIN QUERY PLAN SELECT * FROM responses WHERE workspace_id = '${WS}' AND loop_assignee = '${ASSIGNEE}' ORDER BY created_at DESC, id DESC LIMIT 26`);
    rows.push({ group: 'inbox', name: 'assignee list plan', value: 0, unit: '', note: plan.rows.map((r) => String(r.detail)).join('; ') });
    return rows;
  } finally {
    close();
  }
};

export default bench;
