import { z } from 'zod';
import { ApiError } from '../errors';
import type { Question } from '../contracts/survey-config';
import type { ResponseSubmission } from '../schemas/response';
import { answers as answersSchema } from '../contracts/survey-config';
import { attributeValue } from '../schemas/response';
import { resolveMapping, type ColumnMapping, type Mapping } from './mapping';
import type { CsvRecord } from './csv-records';
import { parseDate } from './dates';
import { FORMULA } from '../services/export';

export interface Rejected {
  /** 1-based line of the CSV record (the header is line 1). */
  line: number;
  reason: string;
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
 * The CSV injection guard exporters put before text a spreadsheet would take for a formula
 * (Chorus and Formbricks write `'=…`, `'+…`, `'-…`, `'@…`), taken off again: the text is
 * what the respondent wrote: the inverse of `csvCell` (server/services/export.ts).
 */
export const unguard = (cell: string): string => (cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell);

export interface ReadOptions {
  /** Zone of dates written without one (the workspace's); UTC by default. */
  timeZone?: string;
}

/**
 * Turns CSV records (or JSON Lines made into records, server/import/json-lines.ts) into
 * response submissions for one survey, record by record. Rows that cannot be read are
 * rejected with their line and reason; ids come from the `@id` column, or else from the
 * row's content, so importing the same file twice finds the same ids. A first line that is
 * not a header fails the whole import: without column names no row can be read; so does a
 * header where no column holds an answer, which would reject every row alike.
 */
export async function* readRows(records: AsyncIterable<CsvRecord>, mapping: Mapping, questions: readonly Question[], { timeZone = 'UTC' }: ReadOptions = {}): AsyncGenerator<Row | Rejected> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  let columns: Map<string, number> | undefined;
  let resolved: ColumnMapping = {};
  for await (const record of records) {
    if (!columns) {
      if ('error' in record) throw new ApiError(422, 'invalid_csv', `The first line must be the header of column names: ${record.error}`);
      columns = new Map();
      // A repeated column name reads its last occurrence.
      for (const [i, name] of record.fields.entries()) columns.set(name, i);
      resolved = resolveMapping(mapping, record.fields);
      const answering = Object.entries(resolved).filter(([column, target]) => columns!.has(column) && (!target.startsWith('@') || target === '@answers'));
      if (answering.length === 0) {
        const wanted = Object.entries(resolved).filter(([, t]) => !t.startsWith('@') || t === '@answers').map(([c]) => `"${c}"`);
        throw new ApiError(422, 'no_answer_columns', `No column of this file holds an answer to the survey's questions${wanted.length ? ` (looked for ${wanted.join(', ')})` : ''}: pass a mapping, e.g. mapping={"Score":"<question id>"}`);
      }
      continue;
    }
    if ('error' in record) {
      yield { line: record.line, reason: record.error };
      continue;
    }
    const row = await toSubmission(record.fields, columns, resolved, byId, timeZone);
    yield typeof row === 'string' ? { line: record.line, reason: row } : { line: record.line, ...row };
  }
}

export interface Row {
  line: number;
  submission: ResponseSubmission;
  /** When it was completed, from a Chorus export (`@completedAt`); else when it is imported. */
  completedAt?: number;
}

/** One record as a submission, or why it cannot be one. */
async function toSubmission(fields: readonly string[], columns: ReadonlyMap<string, number>, mapping: ColumnMapping, byId: ReadonlyMap<string, Question>, timeZone: string): Promise<Omit<Row, 'line'> | string> {
  const answers: ResponseSubmission['answers'] = {};
  const attributes: NonNullable<ResponseSubmission['attributes']> = {};
  let id: string | undefined;
  let chorusId: string | undefined;
  let answeredAt: number | undefined;
  let completedAt: number | undefined;
  let respondentId: string | undefined;
  let anonymousId: string | undefined;
  let locale: string | undefined;
  let pageUrl: string | undefined;
  let deviceClass: ResponseSubmission['deviceClass'];
  let complete = true;
  let problem: string | undefined;
  for (const [column, target] of Object.entries(mapping)) {
    const index = columns.get(column);
    const cell = index === undefined ? undefined : fields[index];
    if (cell === undefined || cell.trim() === '') continue;
    const raw = unguard(cell);
    if (target === '@id') id = raw.trim();
    else if (target === '@chorusId') chorusId = raw.trim();
    else if (target === '@answeredAt') {
      const at = parseDate(raw, timeZone);
      if (at === null) problem = `"${column}" is not a date: ${raw.slice(0, 40)}`;
      else answeredAt = at;
    } else if (target === '@completedAt') {
      const at = parseDate(raw, timeZone);
      if (at === null) problem = `"${column}" is not a date: ${raw.slice(0, 40)}`;
      else completedAt = at;
    } else if (target === '@respondentId') respondentId = raw.trim().slice(0, 200);
    else if (target === '@anonymousId') anonymousId = raw.trim().slice(0, 200);
    else if (target === '@locale') locale = raw.trim().slice(0, 35);
    else if (target === '@pageUrl') pageUrl = raw.trim().slice(0, 2000);
    else if (target === '@deviceClass') deviceClass = (['desktop', 'mobile', 'tablet'] as const).find((d) => d === raw.trim().toLowerCase());
    else if (target === '@complete') complete = truthy(raw) || raw.trim() === '';
    else if (target === '@answers') {
      const parsed = parseJson(raw, answersSchema);
      if (!parsed) problem = `"${column}" is not a JSON object of answers by question id`;
      else Object.assign(answers, Object.fromEntries(Object.entries(parsed).filter(([q]) => byId.has(q))));
    } else if (target === '@attributes') {
      const parsed = parseJson(raw, attributesSchema);
      if (!parsed) problem = `"${column}" is not a JSON object of attributes`;
      else Object.assign(attributes, parsed);
    } else if (target.startsWith('@attribute:')) attributes[target.slice('@attribute:'.length)] = raw.trim().slice(0, 500);
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
  const submission: ResponseSubmission = {
    // A Chorus export's ids are Chorus ids already: kept, so a re-import finds its responses.
    id: chorusId && CHORUS_ID.test(chorusId) ? chorusId : id || chorusId ? `imp_${await idPart((id ?? chorusId)!)}` : `imp_${await digest(JSON.stringify([answers, answeredAt, respondentId]))}`,
    surveyId: '',
    answers,
    complete,
    ...(answeredAt !== undefined ? { answeredAt } : {}),
    ...(respondentId ? { respondentId } : {}),
    ...(anonymousId ? { anonymousId } : {}),
    ...(deviceClass ? { deviceClass } : {}),
    ...(locale ? { locale } : {}),
    ...(pageUrl ? { pageUrl } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
  return complete && completedAt !== undefined ? { submission, completedAt } : { submission };
}

const CHORUS_ID = /^[A-Za-z0-9_-]{8,64}$/;
const attributesSchema = z.record(z.string().min(1).max(100), attributeValue);

function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...bytes.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
/** Source ids are kept when they are already safe in a response id, hashed otherwise. */
const idPart = async (source: string) => (/^[A-Za-z0-9_-]{1,56}$/.test(source) ? source : digest(source));
