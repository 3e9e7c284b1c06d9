import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchRow } from './types';

// Runs every bench/*.bench.ts (or those named on the command line: `npm run bench -- widget`)
// one after the other, prints one table and writes bench/results.json with the machine, the
// dependency versions and how long each file took. A benchmark that fails is reported and
// the others still run; the exit code says something failed.
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const started = Date.now();
const rows: BenchRow[] = [];
const seconds: Record<string, number> = {};
const errors: Record<string, string> = {};
for (const file of files) {
  const t = Date.now();
  process.stderr.write(`bench: ${file} …\n`);
  try {
    const bench = (await import(pathToFileURL(join(here, file)).href)).default as Bench;
    rows.push(...(await bench()).map((r) => ({ ...r, file })));
  } catch (err) {
    errors[file] = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`bench: ${file} FAILED: ${errors[file]}\n`);
  }
  seconds[file] = (Date.now() - t) / 1000;
  process.stderr.write(`bench: ${file} done in ${seconds[file]!.toFixed(1)} s\n`);
}
const totalSeconds = (Date.now() - started) / 1000;

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
console.table(
  rows.map((r) => ({
    group: r.group,
    benchmark: r.name,
    value: `${fmt(r.value)} ${r.unit}`,
    baseline: r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '',
    ratio: r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
    target: r.target ?? '',
    ok: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  })),
);
// Notes say how a figure was measured and what limits it: too long for the table.
rows.forEach((r, i) => r.note && console.log(`  [${i}] ${r.name}: ${r.note}`));
for (const [file, s] of Object.entries(seconds)) console.log(`  ${file.padEnd(20)} ${s.toFixed(1).padStart(6)} s${errors[file] ? '  FAILED' : ''}`);
console.log(`  ${'total'.padEnd(20)} ${totalSeconds.toFixed(1).padStart(6)} s`);

const readJson = (path: string): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};
const pkg = readJson(join(here, '../package.json')) as { dependencies?: object; devDependencies?: object };
const versions = Object.fromEntries(
  Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).map((name) => [
    name,
    readJson(join(here, '../node_modules', name, 'package.json')).version ?? 'unknown',
  ]),
);

// A partial run keeps the other benchmarks' last rows and durations; rows of files that no
// longer exist (or from before rows named their file) go.
const previous = only.length > 0 ? readJson(join(here, 'results.json')) : {};
const existing = readdirSync(here).filter((f) => f.endsWith('.bench.ts'));
const keep = (file: string) => existing.includes(file) && !files.includes(file);
const kept = ((previous.rows as BenchRow[] | undefined) ?? []).filter((r) => r.file && keep(r.file));
const keptSeconds = Object.fromEntries(Object.entries((previous.seconds as Record<string, number> | undefined) ?? {}).filter(([f]) => keep(f)));

writeFileSync(
  join(here, 'results.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
      versions,
      /** This invocation: which files ran and how long the whole run took. */
      run: { files, totalSeconds, partial: only.length > 0 },
      /** Seconds per benchmark file, from the run that last measured it. */
      seconds: { ...keptSeconds, ...seconds },
      ...(Object.keys(errors).length ? { errors } : {}),
      rows: [...kept, ...rows],
    },
    null,
    2,
  ) + '\n',
);
if (Object.keys(errors).length) process.exitCode = 1;
