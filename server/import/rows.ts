import { ApiError } from '../errors';
import type { Question } from '../schemas/survey-config';
import type { ResponseSubmission } from '../schemas/response';
import type { ColumnMapping } from './mapping';
import { readRecords, type CsvSource } from './csv-records';

export interface Rejected {
  /** 1-based line of the CSV record (the header is line 1). */
  line: number;
  reason: string;
}

/** Dates as exports write them: ISO 8601, or Unix time in seconds or milliseconds. */
function parseDate(value: string): number | null {
  const v = value.trim();
  if (/^\d{9,11}$/.test(v)) return Number(v) * 1000;
  if (/^\d{12,14}$/.test(v)) return Number(v);
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

function answerValue(q: Question, raw: string): string | number | string[] | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  switch (q.kind) {
    case 'nps':
    case 'csat':
    case 'ces':
      return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    case 'cpi':
      return v.toLowerCase();
    case 'choice':
      return q.multiple ? v.split(/\s*[;|]\s*/).filter(Boolean) : v;
    case 'text':
      return raw;
  }
}

const truthy = (v: string) => /^(1|true|yes|complete|completed|finished)$/i.test(v.trim());

/**
 * Turns CSV text into response submissions for one survey, record by record. Rows that
 * cannot be read are rejected with their line and reason; ids come from the `@id` column,
 * or else from the row's content, so importing the same file twice finds the same ids. A
 * first line that is not a header fails the whole import: without column names no row can
 * be read.
 */
export async function* readRows(source: CsvSource, mapping: ColumnMapping, questions: readonly Question[]): AsyncGenerator<Row | Rejected> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  let columns: Map<string, number> | undefined;
  for await (const record of readRecords(source)) {
    if (!columns) {
      if ('error' in record) throw new ApiError(422, 'invalid_csv', `The first line must be the header of column names: ${record.error}`);
      columns = new Map();
      // A repeated column name reads its last occurrence.
      for (const [i, name] of record.fields.entries()) columns.set(name, i);
      continue;
    }
    if ('error' in record) {
      yield { line: record.line, reason: record.error };
      continue;
    }
    const row = await toSubmission(record.fields, columns, mapping, byId);
    yield typeof row === 'string' ? { line: record.line, reason: row } : { line: record.line, submission: row };
  }
}

export interface Row {
  line: number;
  submission: ResponseSubmission;
}

/** One record as a submission, or why it cannot be one. */
async function toSubmission(fields: readonly string[], columns: ReadonlyMap<string, number>, mapping: ColumnMapping, byId: ReadonlyMap<string, Question>): Promise<ResponseSubmission | string> {
  const answers: ResponseSubmission['answers'] = {};
  const attributes: Record<string, string> = {};
  let id: string | undefined;
  let answeredAt: number | undefined;
  let respondentId: string | undefined;
  let locale: string | undefined;
  let pageUrl: string | undefined;
  let complete = true;
  let problem: string | undefined;
  for (const [column, target] of Object.entries(mapping)) {
    const index = columns.get(column);
    const raw = index === undefined ? undefined : fields[index];
    if (raw === undefined || raw.trim() === '') continue;
    if (target === '@id') id = raw.trim();
    else if (target === '@answeredAt') {
      const at = parseDate(raw);
      if (at === null) problem = `"${column}" is not a date: ${raw.slice(0, 40)}`;
      else answeredAt = at;
    } else if (target === '@respondentId') respondentId = raw.trim().slice(0, 200);
    else if (target === '@locale') locale = raw.trim().slice(0, 35);
    else if (target === '@pageUrl') pageUrl = raw.trim().slice(0, 2000);
    else if (target === '@complete') complete = truthy(raw) || raw.trim() === '';
    else if (target.startsWith('@attribute:')) attributes[target.slice('@attribute:'.length)] = raw.trim().slice(0, 500);
    else {
      const q = byId.get(target);
      if (!q) problem = `the mapping sends "${column}" to "${target}", which is not a question of this survey`;
      else {
        const value = answerValue(q, raw);
        if (value !== undefined) answers[q.id] = value;
      }
    }
  }
  if (!problem && Object.keys(answers).length === 0) problem = 'no answer in this row';
  if (problem) return problem;
  return {
    id: id ? `imp_${await idPart(id)}` : `imp_${await digest(JSON.stringify([answers, answeredAt, respondentId]))}`,
    surveyId: '',
    answers,
    complete,
    ...(answeredAt !== undefined ? { answeredAt } : {}),
    ...(respondentId ? { respondentId } : {}),
    ...(locale ? { locale } : {}),
    ...(pageUrl ? { pageUrl } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...bytes.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
/** Source ids are kept when they are already safe in a response id, hashed otherwise. */
const idPart = async (source: string) => (/^[A-Za-z0-9_-]{1,56}$/.test(source) ? source : digest(source));
