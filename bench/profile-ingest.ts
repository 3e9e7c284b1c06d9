// Ad-hoc profiling: Chorus on Node started by hand with NODE_ARGS (e.g. --cpu-prof), under the ingest load.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paced, post } from './load';
const dir = mkdtempSync(join(tmpdir(), 'chorus-prof-'));
const port = 9911;
const child = spawn(process.execPath, [...(process.env.NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'server/node.ts'], {
  env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(dir, 'chorus.db')}`, CHORUS_DEMO_API_KEY: 'ck_prof_key_0123456789abcdef', CHORUS_DEMO_PASSWORD: 'prof-password-123' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (;;) { try { if ((await fetch(`${base}/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const r = await fetch(`${base}/api/v1/workspace`, { method: 'PATCH', headers: { authorization: 'Bearer ck_prof_key_0123456789abcdef', 'content-type': 'application/json' }, body: JSON.stringify({ settings: { clientRateLimit: 1_000_000, workspaceRateLimit: 10_000_000 } }) });
console.log('raise', r.status);
await new Promise((r) => setTimeout(r, 3000));
const url = `${base}/api/v1/client/pk_demo/responses`;
if (process.argv.includes('--paced')) console.log('paced', await paced(url, 100, 'text/plain'));
else console.log('saturated', await post(url, { contentType: 'text/plain' }));
await new Promise((r) => setTimeout(r, 1000));
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
