import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openLibsql, migrateLibsql } from '../db/client-libsql';
import { getSurvey } from '../server/queries/surveys';
import { importCsv } from '../server/import/import';
import { presetMapping, presets, type Mapping, type Preset } from '../server/import/mapping';
import { analyzePending } from '../server/services/analyze-response';

// npm run import -- FILE --workspace WS --survey SV [--preset delighted] [--mapping map.json] [--db URL]
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workspace: { type: 'string' },
    survey: { type: 'string' },
    preset: { type: 'string', default: 'chorus' },
    mapping: { type: 'string' },
    db: { type: 'string', default: process.env.DATABASE_URL ?? 'file:data/chorus.db' },
  },
});
const file = positionals[0] ?? '';
if (!file || !values.workspace || !values.survey || !presets.includes(values.preset as Preset)) {
  console.error(`usage: npm run import -- FILE --workspace WS --survey SURVEY [--preset ${presets.join('|')}] [--mapping mapping.json] [--db URL]`);
  process.exit(2);
}

let lastTenth = -1;
const bar = (label: string, done: number, total: number) => {
  // Without a terminal, a line per tenth rather than one per batch.
  const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
  if (!process.stderr.isTTY && tenth === lastTenth) return;
  lastTenth = tenth;
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${total === 0 ? 100 : Math.floor((done / total) * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}${process.stderr.isTTY ? '' : '\n'}`);
};

const { db, close } = await openLibsql(values.db!, { authToken: process.env.DATABASE_AUTH_TOKEN });
await migrateLibsql(db, new URL('../db/migrations', import.meta.url).pathname);
const survey = await getSurvey(db, values.workspace, values.survey);
const workspace = await db.query.workspaces.findFirst({ where: (w, { eq }) => eq(w.id, values.workspace!) });
const mapping: Mapping = values.mapping ? JSON.parse(readFileSync(values.mapping, 'utf8')) : presetMapping(values.preset as Preset, survey.questions);
const started = Date.now();
// Streamed, with the bar in bytes: the row count is only known at the end.
const size = statSync(file).size;
let bytes = 0;
async function* counted() {
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    yield chunk;
  }
}
const report = await importCsv(db, values.workspace, survey, counted(), mapping, {
  onProgress: () => bar('importing', bytes, size),
  // Chorus's JSON Lines export, by its name; anything else is read as CSV.
  format: /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv',
  timeZone: workspace?.timezone,
});
bar('importing', size, size);
process.stderr.write('\n');
console.log(`${report.rows} rows: ${report.imported} imported, ${report.alreadyPresent} already present, ${report.rejected.length} rejected (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (report.rejected.length > 0) {
  const out = `${file}.rejected.csv`;
  writeFileSync(out, 'line,reason\n' + report.rejected.map((r) => `${r.line},"${r.reason.replace(/"/g, '""')}"`).join('\n') + '\n');
  for (const r of report.rejected.slice(0, 10)) console.log(`  line ${r.line}: ${r.reason}`);
  console.log(`  every rejected line and why: ${out}`);
}
if (report.imported > 0) {
  // Sentiment and themes for the imported comments, as live ones get them.
  let analysed = 0;
  for (let n = await analyzePending(db, 2000); n > 0; n = await analyzePending(db, 2000)) {
    analysed += n;
    process.stderr.write(`\ranalysing comments: ${analysed.toLocaleString('en')}`);
  }
  if (analysed > 0) process.stderr.write('\n');
}
close();
