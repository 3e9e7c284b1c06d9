import type { RawRow, RawStatement } from './raw';
import type { RowAddition } from './row-additions';

// The messages between the main thread and the database thread (db/group-commit-thread.ts,
// db/group-commit-worker.ts). SQL texts travel once each and are named by number afterwards:
// cloning 1–2 KB of SQL per statement would cost the main thread part of what the thread saves.

/** A statement: its SQL by number (sent before in `sql`), or as text past the cap on numbered texts. */
export type WireStatement = [sql: number | string, params: RawStatement['params']];
export interface WorkItem {
  id: number;
  /** A read outside any transaction (one statement), else a batch for the next group commit. */
  query: boolean;
  statements: WireStatement[];
  additions?: readonly RowAddition[] | undefined;
}
export type ToThread = { kind: 'work'; sql: [id: number, text: string][]; items: WorkItem[] } | { kind: 'close' };

export interface WireError {
  name: string;
  message: string;
  code?: unknown;
}
export type Outcome = [id: number, rows: RawRow[][]] | [id: number, rows: null, error: WireError];
export type FromThread = { kind: 'done'; outcomes: Outcome[] } | { kind: 'closed' };

export const toWire = (err: unknown): WireError =>
  err instanceof Error ? { name: err.name, message: err.message, code: (err as { code?: unknown }).code } : { name: 'Error', message: String(err) };

export const fromWire = (e: WireError): Error => Object.assign(new Error(e.message), { name: e.name, ...(e.code === undefined ? {} : { code: e.code }) });
