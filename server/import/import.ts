import type { Db } from '../../db/client';
import { rawBatch, type RawStatement } from '../../db/raw';
import type { NewResponseRow, Survey } from '../../db/schema';
import { ApiError } from '../errors';
import { checkAnswers, scoreAnswers } from '../services/answers';
import { rollupDeltas } from '../services/contribution';
import { guardedStatements } from '../services/guarded-write';
import { admitValues, segmentGuard, segmentState } from '../services/segments';
import { composeRow, stateOf } from '../services/ingest';
import type { Mapping } from './mapping';
import { readRecords, type CsvSource } from './csv-records';
import { jsonLineRecords } from './json-lines';
import { readRows, type Rejected, type Row } from './rows';

export interface ImportReport {
  rows: number;
  imported: number;
  /** Rows whose id was already stored (a re-import): left exactly as they were. */
  alreadyPresent: number;
  rejected: Rejected[];
}

/** Rows per atomic batch: a few hundred statements, within D1's limits. */
const CHUNK = 50;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** CPU time between yields to the event loop, so other requests are served during an import. */
const SLICE_MS = 20;

export interface ImportOptions {
  /** Called after each batch with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /** Stops the import between batches (the client went away); what was written stays. */
  signal?: AbortSignal;
  now?: number;
  /** `jsonl`: Chorus's JSON Lines export (server/import/json-lines.ts); CSV by default. */
  format?: 'csv' | 'jsonl';
  /** Zone of dates written without one: the workspace's. */
  timeZone?: string;
}

/**
 * Imports historical responses into a survey: every row is validated like a live answer,
 * written with its rollups through the same guarded statements as ingestion, and skipped
 * when its id exists, so a re-run adds nothing. Comments are analysed afterwards.
 *
 * The CSV is read as it arrives and written in batches of CHUNK rows, yielding to the
 * event loop every SLICE_MS: a large file neither sits in memory as records nor holds up
 * the other requests the process serves.
 */
export async function importCsv(
  db: Db,
  workspaceId: string,
  survey: Survey,
  csv: string | CsvSource,
  mapping: Mapping,
  { onProgress = () => undefined, signal, now = Date.now(), format = 'csv', timeZone }: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = { rows: 0, imported: 0, alreadyPresent: 0, rejected: [] };
  const source = typeof csv === 'string' ? [csv] : csv;
  let batch: Row[] = [];
  let slice = Date.now();
  const flush = async () => {
    await writeBatch(db, workspaceId, survey, batch, report, now);
    batch = [];
    onProgress(report.rows);
  };
  const records = format === 'jsonl' ? jsonLineRecords(source) : readRecords(source);
  for await (const row of readRows(records, mapping, survey.questions, { timeZone })) {
    report.rows++;
    if ('reason' in row) report.rejected.push(row);
    else batch.push(row);
    if (batch.length >= CHUNK) await flush();
    if (Date.now() - slice >= SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = Date.now();
      if (signal?.aborted) break;
    }
  }
  if (!signal?.aborted) await flush();
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

async function writeBatch(db: Db, workspaceId: string, survey: Survey, rows: readonly Row[], report: ImportReport, now: number): Promise<void> {
  let pending: NewResponseRow[] = [];
  for (const { line, submission, completedAt } of rows) {
    try {
      checkAnswers(survey.questions, submission.answers);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      report.rejected.push({ line, reason: err.message });
      continue;
    }
    const answeredAt = submission.answeredAt ?? now;
    if (answeredAt > now + MAX_CLOCK_SKEW_MS) {
      report.rejected.push({ line, reason: 'the date is in the future' });
      continue;
    }
    const row = composeRow(workspaceId, survey, submission, undefined, submission.answers, submission.complete ? 'complete' : 'partial', scoreAnswers(survey.questions, submission.answers), answeredAt, now);
    if (completedAt !== undefined && row.completedAt) row.completedAt = completedAt;
    pending.push(row);
  }
  // The batch is held to the segment keys as read; when a segment backfill moved meanwhile,
  // its rows are written again under the new state (the others were already present).
  for (let attempt = 0; pending.length > 0; attempt++) {
    let segments = await segmentState(db, workspaceId, true);
    for (const row of pending) if (await admitValues(db, workspaceId, segments, row)) segments = await segmentState(db, workspaceId, true);
    const guard = segmentGuard(workspaceId, segments);
    const statements: RawStatement[] = [];
    const writes: number[] = [];
    for (const row of pending) {
      statements.push(...guardedStatements(workspaceId, row.id, null, rollupDeltas(null, stateOf(row, segments)), row, guard));
      writes.push(statements.length - 1);
    }
    const results = await rawBatch(db, statements);
    const failed = pending.filter((_, i) => (results[writes[i]!] ?? []).length === 0);
    report.imported += pending.length - failed.length;
    const moved = attempt < 8 && failed.length > 0 && (await segmentState(db, workspaceId, true)).fingerprint !== segments.fingerprint;
    if (!moved) report.alreadyPresent += failed.length;
    pending = moved ? failed : [];
  }
}
