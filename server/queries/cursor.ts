import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ApiError } from '../errors';

/** Where a newest-first list stopped: the `createdAt` and `id` of its last row. */
export interface CursorPosition {
  createdAt: number;
  id: string;
}

// Cursors are opaque to clients: "createdAt:id" of the last row, base64url-encoded.
const base64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const invalid = () => new ApiError(400, 'invalid_cursor', 'This cursor was not issued by this API; start again without one');

export const encodeCursor = (r: CursorPosition): string => base64url(`${r.createdAt}:${r.id}`);

/** A cursor for lists without a stable key (search by relevance): how many rows came before. */
export const encodeOffset = (offset: number): string => base64url(`@${offset}`);
export function decodeOffset(cursor: string): number {
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw invalid();
  }
  const offset = Number(text.slice(1));
  if (!text.startsWith('@') || !Number.isInteger(offset) || offset < 0 || offset > 100_000) throw invalid();
  return offset;
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, ...rest] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split(':');
    const createdAt = Number(at);
    if (!Number.isInteger(createdAt) || rest.length === 0) throw new Error('shape');
    return { createdAt, id: rest.join(':') };
  } catch {
    throw invalid();
  }
}

/** The rows after `c` in (createdAt DESC, id DESC) order. */
export const afterCursor = (createdAt: SQLiteColumn, id: SQLiteColumn, c: CursorPosition): SQL | undefined =>
  or(lt(createdAt, c.createdAt), and(eq(createdAt, c.createdAt), lt(id, c.id)));
