import type { Question } from '../contracts/survey-config';

/**
 * How CSV columns become a response: each column maps to a question id of the survey, or
 * to one of the special targets `@id`, `@chorusId` (a Chorus response id, kept as it is), `@answeredAt`, `@completedAt`, `@respondentId`, `@anonymousId`,
 * `@locale`, `@pageUrl`, `@deviceClass`, `@complete`, `@answers` (a JSON object of answers by
 * question id), `@attributes` (a JSON object) and `@attribute:<name>`. Unmapped columns are
 * ignored.
 */
export type ColumnMapping = Record<string, string>;

/** A mapping, or how to make one from the file's header (exports whose columns vary by survey). */
export type Mapping = ColumnMapping | ((header: readonly string[]) => ColumnMapping);

export const presets = ['chorus', 'delighted', 'formbricks'] as const;
export type Preset = (typeof presets)[number];

const first = (qs: readonly Question[], kind: Question['kind']) => qs.find((q) => q.kind === kind)?.id;

/**
 * Column mappings for known export formats, resolved against the target survey's questions.
 * Chorus: our own CSV export (its `answers` column carries every answer by question id; the
 * score and comment columns fill in for files without it). Delighted: its response export
 * (the score to the first NPS question, the comment to the first text question).
 * Formbricks: its CSV download, resolved from the header (`formbricksMapping`).
 */
export function presetMapping(preset: Preset, questions: readonly Question[]): Mapping {
  const nps = first(questions, 'nps') ?? 'nps';
  const text = first(questions, 'text') ?? 'comment';
  switch (preset) {
    case 'chorus':
      return (header) => ({
        id: '@chorusId', created_at: '@answeredAt', completed_at: '@completedAt', respondent_id: '@respondentId', anonymous_id: '@anonymousId', locale: '@locale', page_url: '@pageUrl',
        device_class: '@deviceClass', status: '@complete', attributes: '@attributes',
        ...(header.includes('answers') ? { answers: '@answers' } : { nps, comment: text }),
      });
    case 'delighted':
      return { 'Response ID': '@id', 'Created At': '@answeredAt', Score: nps, Comment: text, 'Person ID': '@respondentId', Email: '@attribute:email', 'Delighted Source': '@attribute:source', Tags: '@attribute:tags' };
    case 'formbricks':
      return (header) => formbricksMapping(header, questions);
  }
}

const squash = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Formbricks' fixed columns and the metadata it writes (`url`, `country`, `userAgent - os`…), by lower-case name. */
const FORMBRICKS_FIXED: Readonly<Record<string, string>> = {
  'response id': '@id', timestamp: '@answeredAt', date: '@answeredAt', finished: '@complete', 'user id': '@respondentId',
  'formbricks id (internal)': '@anonymousId', tags: '@attribute:tags', url: '@pageUrl', language: '@locale',
  country: '@attribute:country', source: '@attribute:source', action: '@attribute:action',
  'useragent - browser': '@attribute:browser', 'useragent - os': '@attribute:os', 'useragent - device': '@attribute:device',
};

/** Question headlines that say which kind of question a column holds, when no headline matches the survey's. */
const NPS_HEADLINE = /recommend|net promoter|\bnps\b/i;
const TEXT_HEADLINE = /why|comment|feedback|improve|tell us|reason|anything else/i;

/**
 * Formbricks writes `No., Response ID, Timestamp, Finished, Survey ID, Formbricks ID (internal),
 * User ID, Tags`, its metadata columns, then one `"<n>. <headline>"` column per question (and
 * `"<n>. <headline> - Option ID"` beside choice questions), then variables and hidden fields.
 * Fixed and metadata columns match by name, case-insensitively. Each question column goes
 * to the survey question whose text is its headline; failing that, the first NPS question
 * takes the first headline about recommending, and the first text question the first
 * headline asking why (or for a comment) after it. Plain `NPS` / `Comment` columns (older
 * exports, hand-made files) match too.
 */
export function formbricksMapping(header: readonly string[], questions: readonly Question[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const numbered: { column: string; headline: string }[] = [];
  for (const column of header) {
    const fixed = FORMBRICKS_FIXED[squash(column)];
    if (fixed) mapping[column] = fixed;
    const m = /^\s*\d+\.\s+(.+?)\s*$/.exec(column);
    if (m && !/ - Option ID$/i.test(column)) numbered.push({ column, headline: squash(m[1]!) });
  }
  const taken = new Set<string>();
  const assign = (column: string, questionId: string) => {
    mapping[column] = questionId;
    taken.add(questionId);
  };
  for (const { column, headline } of numbered) {
    const q = questions.find((q) => !taken.has(q.id) && squash(q.text) === headline);
    if (q) assign(column, q.id);
  }
  const unmapped = () => numbered.filter(({ column }) => !(column in mapping));
  const nps = questions.find((q) => q.kind === 'nps' && !taken.has(q.id));
  const npsColumn = nps && unmapped().find(({ headline }) => NPS_HEADLINE.test(headline));
  if (nps && npsColumn) assign(npsColumn.column, nps.id);
  const text = questions.find((q) => q.kind === 'text' && !taken.has(q.id));
  const after = npsColumn ? numbered.indexOf(npsColumn) : -1;
  const textColumn = text && unmapped().find(({ column, headline }) => numbered.findIndex((n) => n.column === column) > after && TEXT_HEADLINE.test(headline));
  if (text && textColumn) assign(textColumn.column, text.id);
  for (const column of header) {
    const name = squash(column);
    const npsId = first(questions, 'nps');
    const textId = first(questions, 'text');
    if (npsId && !taken.has(npsId) && (name === 'nps' || name === 'net promoter score')) assign(column, npsId);
    if (textId && !taken.has(textId) && (name === 'comment' || name === 'feedback')) assign(column, textId);
  }
  return mapping;
}

/** The mapping for a file with this header. */
export const resolveMapping = (mapping: Mapping, header: readonly string[]): ColumnMapping => (typeof mapping === 'function' ? mapping(header) : mapping);
