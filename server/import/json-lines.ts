import { z } from 'zod';
import { cellText, csvColumns } from '../services/export';
import { lines, MAX_RECORD_CHARS, type CsvRecord, type CsvSource } from './csv-records';

/** What the JSON Lines export writes of a response that an import reads back (server/queries/responses.ts). */
const exported = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  createdAt: z.string().optional(),
  completedAt: z.string().nullish(),
  answers: z.record(z.string(), z.unknown()).optional(),
  scores: z.looseObject({ nps: z.number().nullish(), csat: z.number().nullish(), ces: z.number().nullish() }).optional(),
  comment: z.string().nullish(),
  respondentId: z.string().nullish(),
  anonymousId: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
  pageUrl: z.string().nullish(),
  locale: z.string().nullish(),
  deviceClass: z.string().nullish(),
});

/**
 * Chorus's JSON Lines export read as the records of its CSV export: a header of the CSV
 * export's column names, then one record per line, so the `chorus` preset and any mapping
 * written for the CSV export read it alike. A line that is not such a JSON object is
 * rejected on its own, as a bad CSV line is.
 */
export async function* jsonLineRecords(source: CsvSource, maxRecordChars = MAX_RECORD_CHARS): AsyncGenerator<CsvRecord> {
  yield { line: 0, fields: [...csvColumns] };
  for await (const line of lines(source, maxRecordChars)) {
    if (line.overlong) {
      yield { line: line.n, error: `the line is longer than ${maxRecordChars} characters` };
      continue;
    }
    if (line.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      yield { line: line.n, error: 'not a JSON value' };
      continue;
    }
    const r = exported.safeParse(value);
    if (!r.success) {
      yield { line: line.n, error: 'not a response as the JSON Lines export writes it (an object with an "id")' };
      continue;
    }
    const o = r.data;
    const cells: Partial<Record<(typeof csvColumns)[number], unknown>> = {
      id: o.id, status: o.status, created_at: o.createdAt, completed_at: o.completedAt, nps: o.scores?.nps, csat: o.scores?.csat, ces: o.scores?.ces, comment: o.comment,
      respondent_id: o.respondentId, anonymous_id: o.anonymousId, page_url: o.pageUrl, locale: o.locale, device_class: o.deviceClass,
      attributes: o.attributes, answers: o.answers,
    };
    yield { line: line.n, fields: csvColumns.map((c) => cellText(cells[c])) };
  }
}
