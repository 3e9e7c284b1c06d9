import type { Worker } from 'node:worker_threads';
import { fromWire, type FromThread, type ToThread, type WireStatement, type WorkItem } from './group-commit-wire';
import type { RawDriver, RawRow, RawStatement } from './raw';
import type { GuardedBatch, RowAddition } from './row-additions';
import { startWorker } from './start-worker';

/** SQL texts numbered per thread; the hot paths use a few dozen, and a stray dynamic one past this travels as text. */
const SQL_LIMIT = 4096;

interface Waiting {
  resolve: (rows: RawRow[][]) => void;
  reject: (err: unknown) => void;
}

/**
 * The group commit (db/group-commit.ts) on a worker thread that owns the connection, so that
 * on two cores HTTP and SQLite run side by side: the HTTP thread builds and posts the
 * statements, the database thread runs them, commits (one fsync per group) and only then
 * answers, so a caller hears back, and a 2xx goes out, only after the commit. The work of one
 * turn travels in one message. A thread that dies fails what it held (nothing of it was
 * acknowledged) and the next call starts another.
 *
 * Why: SQLite's own work was a third of the HTTP thread's CPU at ingestion, and every COMMIT's
 * fsync and WAL checkpoint stalled the event loop for everything else (docs/BENCHMARKS.md).
 */
export class ThreadedGroupCommit implements RawDriver {
  readonly #path: string;
  #worker: Worker | undefined;
  #sqlIds = new Map<string, number>();
  #newSql: [number, string][] = [];
  #outbox: WorkItem[] = [];
  readonly #waiting = new Map<number, Waiting>();
  #next = 1;
  #scheduled = false;
  #closed: Promise<void> | undefined;

  constructor(path: string) {
    this.#path = path;
    this.#worker = this.#start();
  }

  batch(statements: readonly RawStatement[], additions?: readonly RowAddition[]): Promise<RawRow[][]> {
    return this.#send(false, statements, additions);
  }

  guardedBatch(b: GuardedBatch): Promise<RawRow[][]> {
    return this.#send(false, b.statements, b.additions);
  }

  async query(statement: RawStatement): Promise<RawRow[]> {
    return (await this.#send(true, [statement]))[0] ?? [];
  }

  /** Sends what is waiting, lets the thread commit it and close its connection, then stops the thread. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#post();
      const worker = this.#worker;
      if (!worker) return;
      await new Promise<void>((resolve) => {
        worker.on('message', (m: FromThread) => m.kind === 'closed' && resolve());
        worker.once('exit', () => resolve());
        worker.postMessage({ kind: 'close' } satisfies ToThread);
      });
      await worker.terminate();
    })();
    return this.#closed;
  }

  #start(): Worker {
    const worker = startWorker(import.meta.url, 'group-commit-worker', { workerData: { path: this.#path } });
    worker.on('message', (m: FromThread) => {
      if (m.kind !== 'done') return;
      for (const [id, rows, error] of m.outcomes) {
        const w = this.#waiting.get(id);
        this.#waiting.delete(id);
        if (rows) w?.resolve(rows);
        else w?.reject(fromWire(error!));
      }
      if (this.#waiting.size === 0) worker.unref();
    });
    worker.on('error', (err) => this.#fail(worker, err));
    worker.on('exit', () => this.#fail(worker, new Error('the database thread exited')));
    worker.unref();
    return worker;
  }

  #fail(worker: Worker, err: unknown): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    // A new thread knows no numbered SQL yet, and what was queued for this one names its numbers.
    this.#sqlIds = new Map();
    this.#newSql = [];
    this.#outbox = [];
    for (const w of this.#waiting.values()) w.reject(err);
    this.#waiting.clear();
  }

  #send(query: boolean, statements: readonly RawStatement[], additions?: readonly RowAddition[]): Promise<RawRow[][]> {
    if (this.#closed) return Promise.reject(new Error('the database is closed'));
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      this.#waiting.set(id, { resolve, reject });
      this.#outbox.push({ id, query, statements: statements.map((s): WireStatement => [this.#sqlRef(s.sql), s.params]), additions });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // After the I/O callbacks of this turn, so that requests parsed together travel (and commit) together.
        setImmediate(() => this.#post());
      }
    });
  }

  #sqlRef(sql: string): number | string {
    let id = this.#sqlIds.get(sql);
    if (id === undefined) {
      if (this.#sqlIds.size >= SQL_LIMIT) return sql;
      id = this.#sqlIds.size + 1;
      this.#sqlIds.set(sql, id);
      this.#newSql.push([id, sql]);
    }
    return id;
  }

  #post(): void {
    this.#scheduled = false;
    if (this.#outbox.length === 0) return;
    const items = this.#outbox;
    this.#outbox = [];
    const worker = (this.#worker ??= this.#start());
    const message: ToThread = { kind: 'work', sql: this.#newSql, items };
    this.#newSql = [];
    worker.ref();
    worker.postMessage(message);
  }
}
