import { and, eq, lt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ApiError } from '../errors';

/** Where a newest-first list stopped: the `createdAt` and `id` of its last row. */
export interface CursorPosition {
  createdAt: number;
  id: string;
}

// Cursors are opaque to clients: "createdAt:id" of the last row, base64url-encoded.
export const encodeCursor = (r: CursorPosition): string =>
  btoa(`${r.createdAt}:${r.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, ...rest] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split(':');
    const createdAt = Number(at);
    if (!Number.isInteger(createdAt) || rest.length === 0) throw new Error('shape');
    return { createdAt, id: rest.join(':') };
  } catch {
    throw new ApiError(400, 'invalid_cursor', 'This cursor was not issued by this API; start again without one');
  }
}

/** The rows after `c` in (createdAt DESC, id DESC) order. */
export const afterCursor = (createdAt: SQLiteColumn, id: SQLiteColumn, c: CursorPosition): SQL | undefined =>
  or(lt(createdAt, c.createdAt), and(eq(createdAt, c.createdAt), lt(id, c.id)));
