import { parentPort, workerData } from 'node:worker_threads';
import { GroupCommitDriver } from './group-commit';
import { toWire, type FromThread, type Outcome, type ToThread } from './group-commit-wire';
import type { RawRow } from './raw';

// The database thread (db/group-commit-thread.ts): owns the hot path's connection and its
// group commit, so SQLite's work and every COMMIT's fsync happen off the HTTP thread. Work
// that arrives in one turn commits together, as it does on the main thread; the outcomes of
// one commit go back in one message, after the COMMIT.
const port = parentPort!;
const driver = new GroupCommitDriver((workerData as { path: string }).path);
const sqls = new Map<number, string>();
let outcomes: Outcome[] = [];

function settle(outcome: Outcome): void {
  // The results of one commit resolve together; the first schedules the reply behind the rest.
  if (outcomes.length === 0) queueMicrotask(reply);
  outcomes.push(outcome);
}
function reply(): void {
  port.postMessage({ kind: 'done', outcomes } satisfies FromThread);
  outcomes = [];
}

port.on('message', (m: ToThread) => {
  if (m.kind === 'close') {
    driver.close();
    // After the replies for what that last commit held, which go out from microtasks.
    setImmediate(() => port.postMessage({ kind: 'closed' } satisfies FromThread));
    return;
  }
  for (const [id, text] of m.sql) sqls.set(id, text);
  for (const item of m.items) {
    const statements = item.statements.map(([sql, params]) => ({ sql: typeof sql === 'number' ? sqls.get(sql)! : sql, params }));
    const done: Promise<RawRow[][]> = item.query ? driver.query(statements[0]!).then((rows) => [rows]) : driver.batch(statements, item.additions);
    done.then(
      (rows) => settle([item.id, rows]),
      (err: unknown) => settle([item.id, null, toWire(err)]),
    );
  }
});
