import type { ResponseDto } from '../queries/responses';

/**
 * Text a spreadsheet may take for a formula: one starting with `= + - @ | %` (or their
 * full-width forms, which some spreadsheets fold to ASCII), also behind leading whitespace,
 * line breaks or invisible characters (zero-width space/joiners, word joiner, BOM, soft
 * hyphen), which spreadsheets skip; and anything starting with a tab, CR or LF.
 */
export const FORMULA = /^(?:[\t\r\n]|[\s\u00AD\u200B-\u200D\u2060\uFEFF]*[=+\-@|%\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\uFF05])/;

/** A value as the text of its cell, before the formula guard and quoting: objects as JSON. */
export const cellText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);

/**
 * A cell as spreadsheets will read it: text that could start a formula gets a leading
 * apostrophe (OWASP's CSV-injection advice), and quoting follows RFC 4180.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = cellText(value);
  if (typeof value !== 'number' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvColumns = [
  'id', 'survey_id', 'touchpoint_id', 'status', 'created_at', 'completed_at', 'nps', 'csat', 'ces', 'comment',
  'cpi_answers', 'sentiment_score', 'sentiment_label', 'themes', 'respondent_id', 'anonymous_id', 'page_url',
  'locale', 'device_class', 'attributes', 'answers',
] as const;

/** One response as a CSV line (with its newline), columns as in `csvColumns`. */
export function csvLine(r: ResponseDto): string {
  const cells = [
    r.id, r.surveyId, r.touchpointId, r.status, r.createdAt, r.completedAt, r.scores.nps, r.scores.csat, r.scores.ces, r.comment,
    r.cpiAnswers.map((a) => `${a.cpiId}=${a.answer}`).join('; '), r.sentiment?.score ?? null, r.sentiment?.label ?? null,
    r.themes.map((t) => t.label).join('; '), r.respondentId, r.anonymousId, r.pageUrl, r.locale, r.deviceClass, r.attributes, r.answers,
  ];
  return cells.map(csvCell).join(',') + '\r\n';
}
