import type { Db } from '../../db/client';
import { rawBatch, type RawStatement } from '../../db/raw';
import type { Survey } from '../../db/schema';
import { ApiError } from '../errors';
import { checkAnswers, scoreAnswers } from '../services/answers';
import { rollupDeltas } from '../services/contribution';
import { guardedStatements } from '../services/guarded-write';
import { composeRow, stateOf } from '../services/ingest';
import type { ColumnMapping } from './mapping';
import { readCsv, type Rejected } from './rows';

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

/**
 * Imports historical responses into a survey: every row is validated like a live answer,
 * written with its rollups through the same guarded statements as ingestion, and skipped
 * when its id exists, so a re-run adds nothing. Comments are analysed afterwards.
 */
export async function importCsv(
  db: Db,
  workspaceId: string,
  survey: Survey,
  csv: string,
  mapping: ColumnMapping,
  onProgress: (done: number, total: number) => void = () => undefined,
  now = Date.now(),
): Promise<ImportReport> {
  const { rows, rejected } = await readCsv(csv, mapping, survey.questions);
  const report: ImportReport = { rows: rows.length + rejected.length, imported: 0, alreadyPresent: 0, rejected };
  for (let start = 0; start < rows.length; start += CHUNK) {
    const statements: RawStatement[] = [];
    const writes: number[] = [];
    for (const { line, submission } of rows.slice(start, start + CHUNK)) {
      try {
        checkAnswers(survey.questions, submission.answers);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        rejected.push({ line, reason: err.message });
        continue;
      }
      const answeredAt = submission.answeredAt ?? now;
      if (answeredAt > now + MAX_CLOCK_SKEW_MS) {
        rejected.push({ line, reason: 'the date is in the future' });
        continue;
      }
      const row = composeRow(workspaceId, survey, submission, undefined, submission.answers, submission.complete ? 'complete' : 'partial', scoreAnswers(survey.questions, submission.answers), answeredAt, now);
      statements.push(...guardedStatements(workspaceId, submission.id, null, rollupDeltas(null, stateOf(row)), row));
      writes.push(statements.length - 1);
    }
    if (statements.length > 0) {
      const results = await rawBatch(db, statements);
      for (const i of writes) {
        if ((results[i] ?? []).length > 0) report.imported++;
        else report.alreadyPresent++;
      }
    }
    onProgress(Math.min(start + CHUNK, rows.length), rows.length);
  }
  rejected.sort((a, b) => a.line - b.line);
  return report;
}
