import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateLibsql, openLibsql } from '../db/client-libsql';
import { AdditionSum, type GuardedBatch } from '../db/row-additions';
import type { RawDriver } from '../db/raw';
import { countRequest } from '../server/services/rate-limit';
import { ensureDemo } from '../server/seed/demo';
import { submitResponse } from '../server/services/ingest';
import type { BenchRow } from './types';

// The inputs of the capacity model (docs/BENCHMARKS.md, "Capacity"): what one response costs
// the database, measured in-process on a fresh libSQL file with the route's own write
// (submitResponse with its rate-limit counting, as POST /responses runs it), without HTTP
// or analysis. Two paths: the Node group commit (coalesced rollups, one fsync per group of
// CONCURRENCY), and one transaction per response with the rollup upserts inline, the shape
// every response takes on D1 and on Turso (no group commit there).
const N = Number(process.env.BENCH_CAPACITY_RESPONSES ?? 10_000);
const CONCURRENCY = 50;

const io = () => {
  const f = Object.fromEntries(readFileSync('/proc/self/io', 'utf8').trim().split('\n').map((l) => l.split(': ') as [string, string]));
  return { wchar: Number(f.wchar), written: Number(f.write_bytes) };
};

async function measure(grouped: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'chorus-capacity-'));
  const file = join(dir, 'c.db');
  const { db, client, close } = await openLibsql(`file:${file}`);
  try {
    await migrateLibsql(db, 'db/migrations');
    await ensureDemo(db, { responses: 0, password: 'capacity-password' });
    const fast = db.$raw!;
    let statements = 0;
    let upserts = 0;
    let group: AdditionSum | undefined;
    // Counts what reaches the database: the batch's statements and, per group, one upsert per rollup row.
    const counting: RawDriver = {
      query: (s) => fast.query(s),
      batch: (s) => ((statements += s.length), fast.batch(s)),
      guardedBatch: (b: GuardedBatch) => {
        statements += b.statements.length;
        if (grouped) group!.addAll(b.additions);
        else upserts += b.additions.length;
        return fast.guardedBatch!(b);
      },
    };
    if (grouped) db.$raw = counting;
    else {
      // One transaction per response through @libsql/client, rollups inline: D1's and Turso's shape.
      db.$raw = undefined;
      const batch = client.batch.bind(client);
      client.batch = ((stmts: Parameters<typeof batch>[0], mode?: Parameters<typeof batch>[1]) => ((statements += stmts.length), batch(stmts, mode))) as typeof client.batch;
    }
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const size0 = statSync(file).size;
    const io0 = io();
    const t0 = performance.now();
    const n = grouped ? N : Math.min(N, 2000);
    for (let i = 0; i < n; i += CONCURRENCY) {
      group = new AdditionSum();
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, n - i) }, (_, j) => {
          const k = i + j;
          const limits = countRequest([
            { key: `ingest:ws_demo:client${k % 50}`, max: 1_000_000, windowSeconds: 60 },
            { key: 'ingest:ws_demo', max: 10_000_000, windowSeconds: 60 },
          ]);
          return submitResponse(db, 'ws_demo', { id: `cap_${grouped ? 'g' : 'i'}_${k}`, surveyId: 'sv_support', answers: { nps: k % 11, comment: 'Support took four days to answer my ticket.' }, complete: true, attributes: { plan: 'pro' }, pageUrl: 'https://app.acme.example/support', deviceClass: 'desktop' }, Date.now(), limits);
        }),
      );
      if (grouped) upserts += group.merged().length;
    }
    const ms = performance.now() - t0;
    const io1 = io();
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const stored = (statSync(file).size - size0) / n;
    // Inline, the upserts are the statements beyond the counters and the row write.
    if (!grouped) upserts = statements - 3 * n;
    return { n, ms, perResponseMs: ms / n, statements: (grouped ? statements + upserts : statements) / n, upserts: upserts / n, wchar: (io1.wchar - io0.wchar) / n, written: (io1.written - io0.written) / n, stored };
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function capacity(load: string): Promise<BenchRow[]> {
  const g = await measure(true);
  const i = await measure(false);
  const group = 'ingestion capacity (libSQL file)';
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  return [
    { group, name: `group commit, ${CONCURRENCY} at a time: time per response`, value: g.perResponseMs * 1000, unit: 'µs', note: `${g.n} responses in ${(g.ms / 1000).toFixed(1)} s (${Math.round(g.n / (g.ms / 1000))}/s); ${g.statements.toFixed(2)} statements per response, of which ${g.upserts.toFixed(3)} rollup upserts (coalesced); write() ${kb(g.wchar)}, to disk ${kb(g.written)}, stored ${kb(g.stored)} per response; ${load}` },
    { group, name: 'one transaction per response, rollups inline (D1/Turso shape): time per response', value: i.perResponseMs * 1000, unit: 'µs', note: `${i.n} responses in ${(i.ms / 1000).toFixed(1)} s (${Math.round(i.n / (i.ms / 1000))}/s); ${i.statements.toFixed(2)} statements per response, of which ${i.upserts.toFixed(2)} rollup upserts; write() ${kb(i.wchar)}, to disk ${kb(i.written)}, stored ${kb(i.stored)} per response` },
  ];
}
