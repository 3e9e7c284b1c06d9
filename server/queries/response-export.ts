import { and, desc, getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { rawQuery, type RawRow } from '../../db/raw';
import { responses, type ResponseRow } from '../../db/schema';
import { afterCursor, type CursorPosition } from './cursor';
import { responseConditions, type ResponseFilters } from './responses';

const columns = Object.entries(getTableColumns(responses) as Record<string, SQLiteColumn>);

function decode(raw: RawRow): ResponseRow {
  const row: Record<string, unknown> = {};
  for (const [field, col] of columns) {
    const v = raw[col.name];
    row[field] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return row as ResponseRow;
}

/**
 * Every response matching `filters`, newest first, one keyset page at a time: each page
 * starts after the last row of the previous one, so memory holds one page whatever the total,
 * and a page costs the same at row 1,000,000 as at row 1.
 *
 * The query builder only writes the SQL; it runs through `rawQuery`, whose Node driver keeps
 * one prepared statement per SQL text. Through `@libsql/client` every page was a new
 * prepared statement that libsql keeps for the life of the connection (about 20 KB each for
 * this table), which made a 1M-row export grow the server by a hundred megabytes or more.
 */
export async function* responsePages(db: Db, ws: string, filters: ResponseFilters, pageSize = 500): AsyncGenerator<ResponseRow[]> {
  const base = responseConditions(ws, filters);
  let after: CursorPosition | undefined;
  for (;;) {
    // Values travel as parameters, so every page after the first shares one SQL text.
    const { sql, params } = db
      .select()
      .from(responses)
      .where(and(...base, after ? afterCursor(responses.createdAt, responses.id, after) : undefined))
      .orderBy(desc(responses.createdAt), desc(responses.id))
      .limit(pageSize)
      .toSQL();
    const page = (await rawQuery(db, { sql, params: params as (string | number | null)[] })).map(decode);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
