/**
 * A CSV reader (RFC 4180: `,` between fields, `"` around fields that hold `,`, `"` or line
 * breaks, `""` for a quote) that reads its input piece by piece and fails one record at a
 * time: a bad or over-long record is reported with its line and the reader goes on with the
 * next line, so one broken row never costs the rest of the file, and memory stays bounded by
 * `maxRecordChars` however the input is shaped.
 *
 * Why not csv-parse: it stops at the first malformed record (the whole import failed), and
 * with `skip_records_with_error` it drops the rest of the current chunk after some errors.
 */

/** CSV text in pieces: strings, or UTF-8 bytes (a request body, a file stream). */
export type CsvSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** Characters a record may hold; the HTTP and CLI imports share it. */
export const MAX_RECORD_CHARS = 64 * 1024;

// C0 controls other than tab, LF and CR, DEL, and the replacement character that invalid
// UTF-8 decodes to: text exports never contain them, binary files are full of them.
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

export interface Line {
  n: number;
  text: string;
  /** The line was longer than the limit; `text` is empty then. */
  overlong: boolean;
}

/** Physical lines (`\n` or `\r\n`), never holding more than `max` characters of one line. */
export async function* lines(source: CsvSource, max: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  let overlong = false;
  let n = 0;
  let first = true;
  const emit = (text: string): Line => {
    n++;
    const line = { n, text: overlong ? '' : text.endsWith('\r') ? text.slice(0, -1) : text, overlong };
    overlong = false;
    return line;
  };
  const feed = function* (piece: string): Generator<Line> {
    if (first && piece.length > 0) {
      first = false;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    let start = 0;
    for (let nl = piece.indexOf('\n'); nl !== -1; nl = piece.indexOf('\n', start)) {
      const text = partial + piece.slice(start, nl);
      partial = '';
      if (text.length > max + 1) overlong = true;
      yield emit(text);
      start = nl + 1;
    }
    if (!overlong) {
      partial += piece.slice(start);
      if (partial.length > max + 1) {
        overlong = true;
        partial = '';
      }
    }
  };
  for await (const chunk of source) yield* feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  yield* feed(decoder.decode());
  if (partial.length > 0 || overlong) yield emit(partial);
}

type Step = { kind: 'done'; fields: string[] } | { kind: 'open' } | { kind: 'bad'; error: string };

/** Parses one physical line into the record in progress (`state`), which a quoted line break continues. */
function parseLine(state: { fields: string[]; field: string; quoted: boolean; inQuotes: boolean }, text: string): Step {
  let i = 0;
  if (state.inQuotes) state.field += '\n';
  while (i <= text.length) {
    if (state.inQuotes) {
      const q = text.indexOf('"', i);
      if (q === -1) {
        state.field += text.slice(i);
        return { kind: 'open' };
      }
      state.field += text.slice(i, q);
      if (text[q + 1] === '"') {
        state.field += '"';
        i = q + 2;
        continue;
      }
      state.inQuotes = false;
      i = q + 1;
      if (i < text.length && text[i] !== ',') return { kind: 'bad', error: `text after the closing quote of column ${state.fields.length + 1}` };
      continue;
    }
    // Outside quotes: at the start of a field, or just after a closing quote.
    if (i === text.length) {
      state.fields.push(state.field);
      return { kind: 'done', fields: state.fields };
    }
    if (text[i] === ',') {
      state.fields.push(state.field);
      state.field = '';
      state.quoted = false;
      i++;
      if (i === text.length) {
        state.fields.push('');
        return { kind: 'done', fields: state.fields };
      }
      continue;
    }
    if (text[i] === '"' && state.field === '' && !state.quoted) {
      state.quoted = true;
      state.inQuotes = true;
      i++;
      continue;
    }
    // An unquoted field runs to the next comma.
    const comma = text.indexOf(',', i);
    const end = comma === -1 ? text.length : comma;
    const value = text.slice(i, end);
    if (value.includes('"')) return { kind: 'bad', error: `a stray quote in column ${state.fields.length + 1} (a field holding a quote must be quoted, with the quote doubled)` };
    state.field += value;
    i = end;
  }
  return { kind: 'bad', error: 'unreadable line' };
}

/**
 * The records of a CSV text, each with the line it starts on, or the reason it was refused.
 * A record whose quoted field never closes (a stray opening quote) is refused on its first
 * line, and the lines it swallowed are read again as records of their own.
 */
export async function* readRecords(source: CsvSource, maxRecordChars = MAX_RECORD_CHARS): AsyncGenerator<CsvRecord> {
  const input = lines(source, maxRecordChars)[Symbol.asyncIterator]();
  const replay: Line[] = [];
  const next = async (): Promise<Line | undefined> => replay.pop() ?? (await input.next()).value;
  for (let line = await next(); line; line = await next()) {
    if (line.overlong) {
      yield { line: line.n, error: `the line is longer than ${maxRecordChars} characters` };
      continue;
    }
    if (line.text === '') continue;
    const taken: Line[] = [line];
    const state = { fields: [] as string[], field: '', quoted: false, inQuotes: false };
    let size = line.text.length;
    let step = parseLine(state, line.text);
    while (step.kind === 'open') {
      const more = await next();
      if (!more || more.overlong || (size += more.text.length + 1) > maxRecordChars) {
        if (more) taken.push(more);
        step = { kind: 'bad', error: more ? `a quoted field that is not closed within ${maxRecordChars} characters` : 'a quoted field that is never closed' };
        break;
      }
      taken.push(more);
      step = parseLine(state, more.text);
    }
    if (step.kind === 'done') {
      const binary = step.fields.some((f) => BINARY.test(f));
      yield binary ? { line: line.n, error: 'the line holds control characters or bytes that are not UTF-8 text (binary data?)' } : { line: line.n, fields: step.fields };
      continue;
    }
    yield { line: line.n, error: step.error };
    // Only the first line is refused when a quote ran across lines: the others get their own turn.
    for (let k = taken.length - 1; k >= 1; k--) replay.push(taken[k]!);
  }
}
