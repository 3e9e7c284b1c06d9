import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitDriver } from '../../db/group-commit';
import { ThreadedGroupCommit } from '../../db/group-commit-thread';
import type { RowAddition } from '../../db/row-additions';

let dir: string;
let file: string;
// The same group commit on the caller's thread and on its own worker thread (CHORUS_DB_THREAD).
const drivers = {
  'on the calling thread': (path: string) => new GroupCommitDriver(path),
  'on a worker thread': (path: string) => new ThreadedGroupCommit(path),
};
type Driver = ReturnType<(typeof drivers)[keyof typeof drivers]>;

const insert = (id: string, n: number) => ({ sql: 'INSERT INTO t (id, n) VALUES (?, ?) RETURNING id', params: [id, n] });
const bump = { sql: `INSERT INTO counter (k, v) VALUES ('c', 1) ON CONFLICT (k) DO UPDATE SET v = v + 1`, params: [] };

describe.each(Object.entries(drivers))('group commit %s', (_, open) => {
  let driver: Driver;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chorus-group-'));
    file = join(dir, 'g.db');
    const setup = new Database(file);
    setup.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL); CREATE TABLE counter (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
      CREATE TABLE sums (k TEXT NOT NULL, h INTEGER NOT NULL, a INTEGER NOT NULL DEFAULT 0, b INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (k, h));
      CREATE TABLE upserts (n INTEGER NOT NULL);
      CREATE TRIGGER sums_insert AFTER INSERT ON sums BEGIN INSERT INTO upserts VALUES (1); END;
      CREATE TRIGGER sums_update AFTER UPDATE ON sums BEGIN INSERT INTO upserts VALUES (1); END;`);
    setup.close();
    driver = open(file);
  });
  afterEach(async () => {
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits concurrent batches together, each with its own results', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => driver.batch([bump, insert(`r${i}`, i)])));
    results.forEach((rows, i) => expect(rows).toEqual([[], [{ id: `r${i}` }]]));
    // A separate connection sees every acknowledged write.
    const check = new Database(file);
    expect(check.prepare('SELECT count(*) AS n FROM t').all([])).toEqual([{ n: 50 }]);
    expect(check.prepare('SELECT v FROM counter').all([])).toEqual([{ v: 50 }]);
    check.close();
  });

  it('keeps each batch all-or-nothing: a failing one rolls back alone', async () => {
    const outcomes = await Promise.allSettled([
      driver.batch([bump, insert('a', 1)]),
      // The bump runs, then the duplicate key fails: the bump must not stay.
      driver.batch([bump, insert('b', 2), insert('a', 3)]),
      driver.batch([bump, insert('c', 4)]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await driver.query({ sql: 'SELECT id, n FROM t ORDER BY id', params: [] })).toEqual([
      { id: 'a', n: 1 },
      { id: 'c', n: 4 },
    ]);
    expect(await driver.query({ sql: 'SELECT v FROM counter', params: [] })).toEqual([{ v: 2 }]);
  });

  it('sums the additions of a group: one upsert per row, only for the writes that happened', async () => {
    const add = (k: string, h: number, a: number, b: number): RowAddition => ({ table: 'sums', key: { k, h }, add: { a, b } });
    // The guard the inline path would use; the group commit decides by the row write's RETURNING instead.
    const guarded = (id: string, additions: RowAddition[]) =>
      driver.guardedBatch({ statements: [bump, { sql: 'INSERT INTO t (id, n) VALUES (?, 0) ON CONFLICT DO NOTHING RETURNING id', params: [id] }], additions, guard: { sql: '1', params: [] } });
    const outcomes = await Promise.allSettled([
      guarded('a', [add('x', 1, 1, 0), add('y', 1, 0, 2)]),
      guarded('b', [add('x', 1, 1, 5)]),
      guarded('a', [add('x', 1, 100, 100)]), // the id is taken: its write returns nothing, its additions must not apply
      driver.batch([bump, insert('b', 1)]), // fails (duplicate key): rolls back alone
      guarded('c', [add('x', 1, -2, -4), add('z', 2, 0, 0)]), // (x, 1) nets to zero in a; z is all zeros
      guarded('d', [add('x', 2, 3, 0)]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseFulfilledResult<unknown[][]>).value).toEqual([[], []]);
    expect(await driver.query({ sql: 'SELECT k, h, a, b FROM sums ORDER BY k, h', params: [] })).toEqual([
      { k: 'x', h: 1, a: 0, b: 1 },
      { k: 'x', h: 2, a: 3, b: 0 },
      { k: 'y', h: 1, a: 0, b: 2 },
    ]);
    // Rows (x,1), (x,2), (y,1): three upserts for the whole group, none for the all-zero row.
    expect(await driver.query({ sql: 'SELECT count(*) AS n FROM upserts', params: [] })).toEqual([{ n: 3 }]);
    expect(await driver.query({ sql: 'SELECT v FROM counter', params: [] })).toEqual([{ v: 5 }]);
  });

  it('writes what is still waiting when closed', async () => {
    const pending = driver.batch([insert('late', 1)]);
    const closed = driver.close();
    await expect(pending).resolves.toEqual([[{ id: 'late' }]]);
    await closed;
    const check = new Database(file);
    expect(check.prepare('SELECT id FROM t').all([])).toEqual([{ id: 'late' }]);
    check.close();
    driver = open(file);
  });

  it('passes a failed statement’s error back', async () => {
    await expect(driver.batch([{ sql: 'INSERT INTO missing (x) VALUES (1)', params: [] }])).rejects.toThrow(/no such table: missing/);
    await expect(driver.query({ sql: 'SELECT count(*) AS n FROM t', params: [] })).resolves.toEqual([{ n: 0 }]);
  });
});
