import Database from 'libsql';
import type { RawDriver, RawRow, RawStatement } from './raw';
import { additionUpsert, AdditionSum, ALWAYS, type GuardedBatch, type RowAddition } from './row-additions';

type Statement = ReturnType<InstanceType<typeof Database>['prepare']>;

interface Pending {
  statements: readonly RawStatement[];
  /** Applied when the last statement returns a row; summed over the group. */
  additions?: readonly RowAddition[] | undefined;
  resolve: (rows: RawRow[][]) => void;
  reject: (err: unknown) => void;
}

/** Enough for every statement shape of the hot paths; a stray dynamic one cannot grow it unbounded. */
const CACHE_LIMIT = 512;

/**
 * The ingestion hot path on a local libSQL file: its own connection with prepared statements
 * cached by SQL text, and group commit. Batches that arrive while one transaction is being
 * written wait for the next, which takes them all: each runs inside its own SAVEPOINT, so it
 * stays all-or-nothing on its own, and one COMMIT (one fsync under `synchronous = FULL`)
 * makes the whole group durable before any caller hears back. The rollup additions of the
 * group's guarded batches (`guardedBatch`) are summed per row and written once, just before
 * that COMMIT, only for the batches whose row write happened: one upsert per rollup row per
 * commit rather than per response, in the same transaction, so no rollup moves without its
 * response nor a response without its rollups.
 *
 * Why: `@libsql/client` prepares every statement on every call (about a third of ingestion's
 * CPU), libsql 0.5 keeps ~5 KB per prepared statement for the life of the connection, and one
 * fsync per response bounded throughput under concurrency (docs/BENCHMARKS.md).
 */
export class GroupCommitDriver implements RawDriver {
  readonly #db: InstanceType<typeof Database>;
  readonly #cache = new Map<string, Statement>();
  #pending: Pending[] = [];
  #scheduled = false;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON');
  }

  batch(statements: readonly RawStatement[], additions?: readonly RowAddition[]): Promise<RawRow[][]> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ statements, additions, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // After the I/O callbacks of this turn, so that requests parsed together commit together.
        setImmediate(() => this.#flush());
      }
    });
  }

  guardedBatch(b: GuardedBatch): Promise<RawRow[][]> {
    return this.batch(b.statements, b.additions);
  }

  async query(statement: RawStatement): Promise<RawRow[]> {
    return this.#run(statement);
  }

  close(): void {
    if (this.#pending.length > 0) this.#flush();
    this.#db.close();
  }

  #statement(sql: string): Statement {
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      stmt = this.#db.prepare(sql);
      this.#cache.set(sql, stmt);
    }
    return stmt;
  }

  #run(s: RawStatement): RawRow[] {
    const stmt = this.#statement(s.sql);
    if (stmt.reader) return stmt.all(s.params) as RawRow[];
    stmt.run(s.params);
    return [];
  }

  #flush(): void {
    this.#scheduled = false;
    const group = this.#pending;
    this.#pending = [];
    const outcomes: ({ rows: RawRow[][] } | { error: unknown })[] = [];
    try {
      this.#statement('BEGIN IMMEDIATE').run([]);
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    const sum = new AdditionSum();
    for (const p of group) {
      this.#statement('SAVEPOINT batch').run([]);
      try {
        const rows = p.statements.map((s) => this.#run(s));
        outcomes.push({ rows });
        this.#statement('RELEASE batch').run([]);
        if (p.additions && (rows[rows.length - 1] ?? []).length > 0) sum.addAll(p.additions);
      } catch (error) {
        this.#statement('ROLLBACK TO batch').run([]);
        this.#statement('RELEASE batch').run([]);
        outcomes.push({ error });
      }
    }
    try {
      for (const a of sum.merged()) this.#run(additionUpsert(a, ALWAYS));
      this.#statement('COMMIT').run([]);
    } catch (error) {
      if (this.#db.inTransaction) this.#statement('ROLLBACK').run([]);
      for (const p of group) p.reject(error);
      return;
    }
    group.forEach((p, i) => {
      const o = outcomes[i]!;
      if ('rows' in o) p.resolve(o.rows);
      else p.reject(o.error);
    });
  }
}
