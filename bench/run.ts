import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchRow } from './types';

// Runs every bench/*.bench.ts (or those named on the command line), prints one table and
// writes bench/results.json with the machine and dependency versions.
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  const started = Date.now();
  process.stderr.write(`bench: ${file} …\n`);
  const bench = (await import(pathToFileURL(join(here, file)).href)).default as Bench;
  rows.push(...(await bench()).map((r) => ({ ...r, file })));
  process.stderr.write(`bench: ${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
const table = rows.map((r) => ({
  group: r.group,
  benchmark: r.name,
  value: `${fmt(r.value)} ${r.unit}`,
  baseline: r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '',
  ratio: r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
  target: r.target ?? '',
  ok: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
}));
console.table(table);

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

// A partial run (benchmarks named on the command line) keeps the other benchmarks' last rows.
const previous = only.length > 0 ? ((readJson(join(here, 'results.json')).rows as BenchRow[] | undefined) ?? []) : [];
const kept = previous.filter((r) => !files.includes(r.file ?? ''));

writeFileSync(
  join(here, 'results.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
      versions,
      rows: [...kept, ...rows],
    },
    null,
    2,
  ) + '\n',
);
