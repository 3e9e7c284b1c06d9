import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { buildApiDocs } from './api-docs';
import { browserBundle } from './esbuild-options';
import { headersFile } from '../server/static-headers';

// Static files served by both runtimes (widget, admin) are built into dist/public:
//   widget.js              the loader every page pays for (short cache: it may change)
//   widget/ui.<hash>.js    the survey UI, loaded only when a survey is due (immutable)
//   esm/chorus.mjs         the ESM entry for apps that bundle the widget (+ a UI chunk)
//   admin/                 the admin SPA: index.html + hashed JS/CSS under admin/assets/
//   api/docs/              Swagger UI for the API reference page at /api/docs (scripts/api-docs.ts)
//   _headers               headers of Cloudflare static assets: cache rules, the admin's CSP (server/static-headers.ts)
//   *.br, *.gz             each text file compressed ahead (brotli 11 or 9, gzip 9) for Node, which sends
//                          them as a CDN would; Cloudflare compresses by itself (.assetsignore)
const out = 'dist/public';
mkdirSync(`${out}/widget`, { recursive: true });

const common = browserBundle;

const text = async (options: BuildOptions): Promise<string> => (await build({ ...common, ...options })).outputFiles![0]!.text;

const ui = await text({ entryPoints: ['widget/ui-entry.ts'], format: 'iife' });
const uiName = `ui.${createHash('sha256').update(ui).digest('hex').slice(0, 12)}.js`;
// Old hashed builds go, so the directory holds exactly what widget.js points at.
for (const f of readdirSync(`${out}/widget`)) if (/^ui\..+\.js(\.br|\.gz)?$/.test(f)) rmSync(`${out}/widget/${f}`);
writeFileSync(`${out}/widget/${uiName}`, ui);

// The loader knows the UI's URL at build time, relative to its own src.
const loader = await text({ entryPoints: ['widget/loader-entry.ts'], format: 'iife', define: { __CHORUS_UI__: JSON.stringify(`widget/${uiName}`) } });
writeFileSync(`${out}/widget.js`, loader);

rmSync(`${out}/esm`, { recursive: true, force: true });
await build({ ...common, write: true, entryPoints: { chorus: 'widget/index.ts' }, format: 'esm', splitting: true, outdir: `${out}/esm`, outExtension: { '.js': '.mjs' }, chunkNames: 'ui-[hash]' });

// The admin app: ESM with code splitting, so the widget UI used by the survey builder's
// live preview is a chunk loaded only on that page. index.html has no inline script or
// style, so the admin runs under a strict CSP too.
const admin = await buildAdmin(`${out}/admin`, common);
const swaggerUi = buildApiDocs(`${out}/api/docs`);

// The same headers Node sends for these files (server/static-headers.ts).
writeFileSync(`${out}/_headers`, headersFile());
const compressed = precompress(out);
// Cloudflare compresses assets itself and would serve these as files of their own.
writeFileSync(`${out}/.assetsignore`, '*.br\n*.gz\n');

const size = (name: string, body: string) => {
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  console.log(`  ${name.padEnd(28)} ${kb(Buffer.byteLength(body)).padStart(9)} raw  ${kb(gzipSync(body, { level: 9 }).length).padStart(9)} gzip`);
};
console.log('build: dist/public');
size('widget.js (loader)', loader);
size(`widget/${uiName}`, ui);
size('admin (first load: JS + CSS)', admin.initial);
size('admin (preview chunks)', admin.lazy);
console.log(`  api/docs                     Swagger UI ${swaggerUi}`);
console.log(`  precompressed                ${compressed} files (.br, .gz) for Node`);

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of `dir` worth compressing, and
 * removes those whose file is gone: Node's static server sends them (`precompressed`), at
 * the best levels (brotli 11, 9 above 512 KB; gzip 9), which compressing on every request could
 * not afford.
 */
function precompress(dir: string): number {
  let count = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(br|gz)$/.test(entry.name)) {
        if (!existsSync(path.slice(0, -3))) rmSync(path);
      } else if (/\.(m?js|css|html|svg|json)$/.test(entry.name)) {
        const body = readFileSync(path);
        if (body.length < 1024) continue;
        // Quality 11 costs seconds on Swagger UI's 1.7 MB (a page only developers open); 9 is within 3 % of it there.
        const quality = body.length > 512 * 1024 ? 9 : 11;
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
        count++;
      }
    }
  };
  walk(dir);
  return count;
}


/**
 * Builds admin/ into `dir`: `assets/main-<hash>.js|css` (+ lazy chunks) and an index.html
 * that points at them. Returns the text of what the first load fetches and of the lazy
 * chunks, so the caller can print their sizes.
 */
export async function buildAdmin(dir: string, common: BuildOptions): Promise<{ initial: string; lazy: string }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/assets`, { recursive: true });
  const result = await build({
    ...common,
    write: true,
    metafile: true,
    entryPoints: { main: 'admin/main.tsx' },
    format: 'esm',
    splitting: true,
    outdir: `${dir}/assets`,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
  });
  const outputs = Object.entries(result.metafile!.outputs);
  const [js] = outputs.find(([, o]) => o.entryPoint === 'admin/main.tsx')!;
  const css = outputs.find(([f]) => f.endsWith('.css'))?.[0];
  const entry = result.metafile!.outputs[js]!;
  // Chunks the entry imports statically are part of the first load; dynamic ones are not.
  const staticChunks = entry.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path);
  const first = [js, ...staticChunks, ...(css ? [css] : [])];
  const lazy = outputs.map(([f]) => f).filter((f) => f.endsWith('.js') && !first.includes(f));
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Chorus admin</title>
<link rel="icon" href="data:,">
${css ? `<link rel="stylesheet" href="assets/${basename(css)}">\n` : ''}<script type="module" src="assets/${basename(js)}"></script>
</head>
<body>
<div id="app"></div>
<noscript>The Chorus admin needs JavaScript.</noscript>
</body>
</html>
`;
  writeFileSync(`${dir}/index.html`, html);
  const read = (files: string[]) => files.map((f) => readFileSync(f, 'utf8')).join('');
  return { initial: read(first), lazy: read(lazy) };
}
