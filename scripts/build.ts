import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';

// Static files served by both runtimes (widget, admin) are built into dist/public:
//   widget.js              the loader every page pays for (short cache: it may change)
//   widget/ui.<hash>.js    the survey UI, loaded only when a survey is due (immutable)
//   esm/chorus.mjs         the ESM entry for apps that bundle the widget (+ a UI chunk)
//   _headers               cache rules for Cloudflare static assets (Node sets the same in server/node.ts)
const out = 'dist/public';
mkdirSync(`${out}/widget`, { recursive: true });

const common: BuildOptions = {
  bundle: true,
  minify: true,
  write: false,
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
};

const text = async (options: BuildOptions): Promise<string> => (await build({ ...common, ...options })).outputFiles![0]!.text;

const ui = await text({ entryPoints: ['widget/ui-entry.ts'], format: 'iife' });
const uiName = `ui.${createHash('sha256').update(ui).digest('hex').slice(0, 12)}.js`;
// Old hashed builds go, so the directory holds exactly what widget.js points at.
for (const f of readdirSync(`${out}/widget`)) if (/^ui\..+\.js$/.test(f)) rmSync(`${out}/widget/${f}`);
writeFileSync(`${out}/widget/${uiName}`, ui);

// The loader knows the UI's URL at build time, relative to its own src.
const loader = await text({ entryPoints: ['widget/loader-entry.ts'], format: 'iife', define: { __CHORUS_UI__: JSON.stringify(`widget/${uiName}`) } });
writeFileSync(`${out}/widget.js`, loader);

rmSync(`${out}/esm`, { recursive: true, force: true });
await build({ ...common, write: true, entryPoints: { chorus: 'widget/index.ts' }, format: 'esm', splitting: true, outdir: `${out}/esm`, outExtension: { '.js': '.mjs' }, chunkNames: 'ui-[hash]' });

writeFileSync(
  `${out}/_headers`,
  ['/widget.js', '  Cache-Control: public, max-age=300', '/widget/*', '  Cache-Control: public, max-age=31536000, immutable', ''].join('\n'),
);

const size = (name: string, body: string) => {
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  console.log(`  ${name.padEnd(28)} ${kb(Buffer.byteLength(body)).padStart(9)} raw  ${kb(gzipSync(body, { level: 9 }).length).padStart(9)} gzip`);
};
console.log('build: dist/public');
size('widget.js (loader)', loader);
size(`widget/${uiName}`, ui);
