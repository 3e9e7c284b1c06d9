import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitDriver } from '../../db/group-commit';

let dir: string;
let file: string;
let driver: GroupCommitDriver;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-group-'));
  file = join(dir, 'g.db');
  const setup = new Database(file);
  setup.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL); CREATE TABLE counter (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  setup.close();
  driver = new GroupCommitDriver(file);
});
afterEach(() => {
  driver.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string, n: number) => ({ sql: 'INSERT INTO t (id, n) VALUES (?, ?) RETURNING id', params: [id, n] });
const bump = { sql: `INSERT INTO counter (k, v) VALUES ('c', 1) ON CONFLICT (k) DO UPDATE SET v = v + 1`, params: [] };

describe('group commit', () => {
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

  it('writes what is still waiting when closed', async () => {
    const pending = driver.batch([insert('late', 1)]);
    driver.close();
    await expect(pending).resolves.toEqual([[{ id: 'late' }]]);
    const check = new Database(file);
    expect(check.prepare('SELECT id FROM t').all([])).toEqual([{ id: 'late' }]);
    check.close();
    driver = new GroupCommitDriver(file);
  });
});
