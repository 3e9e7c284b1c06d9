// `npm run --silent analyze` — one comment per stdin line in, one JSON object per line out, in
// order. The lines are one corpus: themes are discovered across all of them, then assigned;
// `--examples FILE` teaches themes first, as a workspace's confirmed tags do.
// Nothing but the JSON lines goes to stdout.
//
// Start-up is most of the cost of a short run (tsx alone is ~0.3 s), so this file is also its
// own launcher. Run by tsx, it (re)builds node_modules/.cache/chorus/analyze.mjs, an esbuild
// bundle of this very file and server/analysis, when that is missing or older than a source,
// and runs it with plain node; inside the bundle CHORUS_ANALYZE_BUNDLE is defined and the CLI
// itself runs. The bundle can also be started directly (`node node_modules/.cache/chorus/
// analyze.mjs`, ~0.08 s): it checks the same mtimes and hands over to tsx when stale. If the
// bundle cannot be built, the engine is loaded through tsx as before.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const CHORUS_ANALYZE_BUNDLE: boolean | undefined;
type Engine = typeof import('../server/analysis/index.js');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `--examples FILE`: JSON Lines of `{"text", "themes": ["Label", …]}`, as a workspace's confirmed tags. */
function readExamples(file: string): { text: string; themes: string[] }[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
    const row = JSON.parse(l) as { text?: unknown; themes?: unknown };
    if (typeof row.text !== 'string' || !Array.isArray(row.themes)) throw new Error(`${file}:${i + 1}: expected {"text": "…", "themes": ["…"]}`);
    return { text: row.text, themes: row.themes.map(String) };
  });
}

async function run({ analyzeSentiment, discoverThemes, assignThemes, trainThemeModel, slugify }: Engine): Promise<void> {
  const input = await readStdin();
  const lines = input.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (input.endsWith('\n')) lines.pop(); // the newline ends the last line; it does not start another
  if (input === '') lines.length = 0;
  const at = process.argv.indexOf('--examples');
  const examples = at > 0 && process.argv[at + 1] ? readExamples(process.argv[at + 1] as string) : [];
  // A theme per example label, keyed as the workspace would key it, learned from its examples.
  const taught = [...new Set(examples.flatMap((e) => e.themes))].map((label) => ({ key: `custom-${slugify(label)}`, label, keywords: [] as string[] }));
  const keyOf = new Map(taught.map((t) => [t.label, t.key]));
  const model = examples.length > 0 ? trainThemeModel(examples.map((e) => ({ text: e.text, themes: e.themes.map((l) => keyOf.get(l) as string) })), { minExamples: 1 }) : undefined;
  const discovered = discoverThemes(lines);
  const out: string[] = [];
  for (const line of lines) {
    const sentiment = analyzeSentiment(line);
    // Taught themes are the team's codeframe: discovered ones fill in only where none applies.
    const learned = model ? assignThemes(line, taught, { model }) : [];
    const matched = learned.length > 0 ? learned : assignThemes(line, discovered);
    out.push(JSON.stringify({ sentiment, themes: matched.map(({ label, category, keywords, sentiment: s }) => ({ label, category: category ?? null, keywords, sentiment: s ?? sentiment.score })) }));
  }
  // One write per ~1 MB keeps large corpora fast without holding two copies of everything.
  for (let i = 0; i < out.length; i += 5000) process.stdout.write(`${out.slice(i, i + 5000).join('\n')}\n`);
}

const IN_BUNDLE = typeof CHORUS_ANALYZE_BUNDLE !== 'undefined';
const ROOT = fileURLToPath(new URL(IN_BUNDLE ? '../../../' : '../', import.meta.url));
const BUNDLE = join(ROOT, 'node_modules', '.cache', 'chorus', 'analyze.mjs');

/** Newest mtime of this script and everything under server/analysis (model included). */
function sourcesMtime(): number {
  let newest = statSync(join(ROOT, 'scripts', 'analyze.ts')).mtimeMs;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(ROOT, 'server', 'analysis'));
  return newest;
}

const isFresh = (): boolean => existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sourcesMtime();

/** The bundle's path, (re)built when missing or stale; undefined when it cannot be built. */
async function bundle(): Promise<string | undefined> {
  try {
    if (isFresh()) return BUNDLE;
    const esbuild = await import('esbuild');
    mkdirSync(join(BUNDLE, '..'), { recursive: true });
    // Build beside the target and rename: concurrent first runs never see half a file.
    const tmp = `${BUNDLE}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [join(ROOT, 'scripts', 'analyze.ts')], outfile: tmp, bundle: true, minify: true,
      platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent',
      define: { CHORUS_ANALYZE_BUNDLE: 'true' }, external: ['esbuild'],
    });
    renameSync(tmp, BUNDLE);
    return BUNDLE;
  } catch {
    return undefined;
  }
}

/** Runs a node child with this process's stdio and passes its exit code on. */
function delegate(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const child = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: ROOT, env });
  process.exitCode = child.status ?? 1;
}

async function main(): Promise<void> {
  if (IN_BUNDLE) {
    // Started directly and a source changed since the build: let the tsx launcher rebuild.
    // Sources missing (a copied bundle) or the launcher vouching for freshness: just run.
    const sources = existsSync(join(ROOT, 'scripts', 'analyze.ts'));
    if (sources && !process.env.CHORUS_ANALYZE_FRESH && !isFresh()) return delegate(['--import', 'tsx', join(ROOT, 'scripts', 'analyze.ts')]);
    return run(await import('../server/analysis/index.js'));
  }
  const built = await bundle();
  if (!built) return run(await import('../server/analysis/index.js'));
  // A child node rather than import(): through tsx's loader the 400 KB bundle would be
  // re-transformed on every run, which costs more than starting a second process.
  delegate([built], { ...process.env, CHORUS_ANALYZE_FRESH: '1' });
}

main().catch((err: unknown) => {
  process.stderr.write(`analyze: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
