import type { Db } from './client';
import { rawBatch, sqlVariant, type RawRow, type RawStatement } from './raw';

/**
 * An amount to add to one row of a counter table (a rollup), the row named by its key
 * columns: what a response write changes besides its own row. Kept as data rather than SQL
 * so that the writes committed together can add theirs up first (db/group-commit.ts) and
 * write each row once.
 */
export interface RowAddition {
  table: string;
  /** Key columns (SQL names) → values; together the table's unique key, the upsert's conflict target. */
  key: Readonly<Record<string, string | number>>;
  /** Value columns (SQL names) → amounts to add. */
  add: Readonly<Record<string, number>>;
}

/**
 * A write with its additions: they apply exactly when the last statement (the conditional
 * row write) returns a row, all or nothing with the statements.
 */
export interface GuardedBatch {
  statements: readonly RawStatement[];
  additions: readonly RowAddition[];
  /**
   * True while the last statement will write: for drivers that cannot see its result first
   * and so run each addition as an upsert conditional on it, before it (D1, remote libSQL).
   */
  guard: RawStatement;
}

const templates = new Map<string, string>();

/** The upsert adding `a` to its row while `guard` holds, one SQL text per table and column set. */
export function additionUpsert(a: RowAddition, guard: RawStatement): RawStatement {
  const keys = Object.keys(a.key);
  const values = Object.keys(a.add);
  const shape = `${a.table}\u0000${keys.join()}\u0000${values.join()}`;
  let sql = templates.get(shape);
  if (sql === undefined) {
    const cols = [...keys, ...values].map((c) => `"${c}"`).join(', ');
    const sets = values.map((c) => `"${c}" = "${a.table}"."${c}" + excluded."${c}"`).join(', ');
    // INSERT … SELECT so the guard can sit in a WHERE; SQLite needs that WHERE to parse an upsert after a SELECT.
    sql = `INSERT INTO "${a.table}" (${cols}) SELECT ${[...keys, ...values].map(() => '?').join(', ')} WHERE %GUARD% ON CONFLICT (${keys.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET ${sets}`;
    templates.set(shape, sql);
  }
  return { sql: sqlVariant(sql, '%GUARD%', guard.sql), params: [...Object.values(a.key), ...Object.values(a.add), ...guard.params] };
}

export const ALWAYS: RawStatement = { sql: '1', params: [] };

/**
 * The batch as plain statements: each addition a conditional upsert placed before the row
 * write, whose guard must still see the row as it was. `results` of running them map back
 * to the batch's own statements with `ownResults`.
 */
export const inlineStatements = (b: GuardedBatch): RawStatement[] => [
  ...b.statements.slice(0, -1),
  ...b.additions.map((a) => additionUpsert(a, b.guard)),
  ...b.statements.slice(-1),
];
export const ownResults = (b: GuardedBatch, results: RawRow[][]): RawRow[][] => [...results.slice(0, b.statements.length - 1), ...results.slice(-1)];

/**
 * Runs a guarded batch atomically; the results are those of `b.statements`, in order. A
 * driver that commits writes in groups sums the group's additions (one upsert per row per
 * commit); the others run them inline, guarded.
 */
export async function rawGuardedBatch(db: Db, b: GuardedBatch): Promise<RawRow[][]> {
  if (db.$raw?.guardedBatch) return db.$raw.guardedBatch(b);
  return ownResults(b, await rawBatch(db, inlineStatements(b)));
}

/**
 * Sums additions by table and key, for the writes committed together: one upsert per row
 * instead of one per write. Rows whose every amount sums to zero are dropped by `merged`.
 */
export class AdditionSum {
  readonly #rows = new Map<string, { table: string; key: RowAddition['key']; add: Record<string, number> }>();

  addAll(additions: readonly RowAddition[]): void {
    for (const a of additions) {
      const id = `${a.table}\u0000${Object.values(a.key).join('\u0000')}`;
      const row = this.#rows.get(id);
      if (!row) {
        this.#rows.set(id, { table: a.table, key: a.key, add: { ...a.add } });
        continue;
      }
      for (const c in a.add) row.add[c] = (row.add[c] ?? 0) + a.add[c]!;
    }
  }

  merged(): RowAddition[] {
    return [...this.#rows.values()].filter((r) => Object.values(r.add).some((v) => v !== 0));
  }

  get size(): number {
    return this.#rows.size;
  }
}
