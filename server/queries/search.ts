import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';

// Full-text search over comments with the FTS5 index of migration 0011 (`responses_fts`,
// porter-stemmed, kept in step with `responses` by triggers).

/** A letter or digit: a term without one holds no token and would only confuse FTS5. */
const WORDY = /[\p{L}\p{N}]/u;
const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * The FTS5 MATCH expression for what a person typed, or null when nothing in it is
 * searchable. Words must all appear (stemmed); `"…"` is a phrase; a trailing `*` makes a word
 * a prefix. Everything else is quoted, so FTS5 syntax typed by the user (`AND`, `NEAR`,
 * `col:`, `^`, a stray `"`) is searched for as text and can never make the query fail.
 *
 * @example matchExpression('refund* "too slow"') // '"refund"* "too slow"'
 */
export function matchExpression(input: string): string | null {
  const terms: string[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  for (const m of input.matchAll(re)) {
    const phrase = m[1];
    if (phrase !== undefined) {
      if (WORDY.test(phrase)) terms.push(quote(phrase));
      continue;
    }
    const word = m[2]!;
    const prefix = word.length > 1 && word.endsWith('*');
    const bare = word.replace(/\*+$/, '');
    if (WORDY.test(bare)) terms.push(prefix ? `${quote(bare)}*` : quote(bare));
  }
  return terms.length > 0 ? terms.join(' ') : null;
}

/** Responses (`responses` in the outer query) whose comment matches `match`. */
export const commentMatches = (match: string): SQL => sql`"responses".rowid IN (SELECT rowid FROM responses_fts WHERE responses_fts MATCH ${match})`;

/** Relevance of the outer query's response to `match` (bm25; lower is better). */
export const relevance = (match: string): SQL =>
  sql`(SELECT rank FROM responses_fts WHERE responses_fts MATCH ${match} AND rowid = "responses".rowid)`;

const OPEN = '\u0001';
const CLOSE = '\u0002';

/**
 * The words of each comment that `match` matched, as written in the comment, by rowid;
 * the inbox marks them. Comments cannot hold control characters (schemas/text.ts), so the
 * markers never collide with text.
 */
export async function matchedWords(db: Db, match: string, rowids: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (rowids.length === 0) return out;
  const rows = await db.all<{ id: number; marked: string }>(
    sql`SELECT rowid AS "id", highlight(responses_fts, 0, ${OPEN}, ${CLOSE}) AS "marked" FROM responses_fts
      WHERE responses_fts MATCH ${match} AND rowid IN (SELECT value FROM json_each(${JSON.stringify(rowids)}))`,
  );
  const marks = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');
  for (const r of rows) out.set(Number(r.id), [...new Set([...r.marked.matchAll(marks)].map((m) => m[1]!))]);
  return out;
}
