import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type Runtime = 'node' | 'workerd';
export const runtime: Runtime = process.env.CHORUS_RUNTIME === 'workerd' ? 'workerd' : 'node';
export const API_KEY = 'ck_test_0123456789abcdef0123456789abcdef';
export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'test-demo-password';

const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} failed: ${err}`))));
  });
}

export interface TestServer {
  baseUrl: string;
  /** Stops the process; `hard` kills it with SIGKILL as a crash would. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and data; `env` overrides variables it was started with. */
  start(env?: Record<string, string>): Promise<void>;
  /** Stops and removes its data. */
  dispose(): Promise<void>;
  /** Everything the server printed since it (re)started or since `clearLogs`. */
  logs(): string;
  clearLogs(): void;
  /** The server process's id while it runs (bench/ reads its memory). */
  pid(): number | undefined;
}

/**
 * Starts Chorus as a user would, on a fresh database seeded with the demo workspace:
 * `tsx server/node.ts` on Node with a libSQL file, or `wrangler dev` on workerd with a
 * local D1 database.
 */
export async function startServer(which: Runtime = runtime, opts: { env?: Record<string, string>; /** false: leave the demo's rate limits as seeded, and send nothing after /health. */ raiseLimits?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), `chorus-${which}-`));
  let port = await freePort();
  let baseUrl = `http://127.0.0.1:${port}`;
  const base = { ...process.env, DOTENV_CONFIG_QUIET: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };
  let env: NodeJS.ProcessEnv = { ...base, ...opts.env };
  let vars = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  let child: ChildProcess | undefined;
  let log = '';

  if (which === 'workerd') {
    await run(bin('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], env);
  }
  const start = async (overrides?: Record<string, string>) => {
    if (overrides) {
      env = { ...base, ...opts.env, ...overrides };
      vars = Object.entries({ ...opts.env, ...overrides }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
    }
    log = '';
    child =
      which === 'node'
        ? // node itself, not the tsx wrapper: a SIGKILL must hit the server, not a parent that leaves it orphaned.
          spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
            cwd: root,
            env: { ...env, PORT: String(port), DATABASE_URL: `file:${join(dir, 'chorus.db')}`, CHORUS_DEMO_API_KEY: API_KEY, CHORUS_DEMO_PASSWORD: DEMO_PASSWORD },
            stdio: ['ignore', 'pipe', 'pipe'],
          })
        : spawn(
            bin('wrangler'),
            ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', dir, '--var', 'CHORUS_SEED:1', '--var', `CHORUS_DEMO_API_KEY:${API_KEY}`, '--var', `CHORUS_DEMO_PASSWORD:${DEMO_PASSWORD}`, ...vars, '--test-scheduled', '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false'],
            { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
          );
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
      try {
        const res = await fetch(`${baseUrl}/health`);
        // The first request on workerd also seeds the demo; wait for it to succeed.
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start in 60 s: ${log}`);
  };
  const stop = async (hard = false) => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      // Another process (a parallel suite's workerd) bound the free port between freePort() and
      // the server's own bind: take another one. Restarts keep the port the server first got.
      if (attempt >= 4 || !/address already in use|EADDRINUSE/i.test(String(err))) throw err;
      port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
    }
  }
  const handle: TestServer = {
    baseUrl,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    logs: () => log,
    clearLogs: () => {
      log = '';
    },
    pid: () => child?.pid,
  };
  if (opts.raiseLimits === false) return handle;
  // Tests post far more from one address than a respondent would; rate limits get their own test.
  // wrangler dev restarts its worker when a watched file changes (an edit while tests run); retry then.
  let raised = await client(baseUrl)('PATCH', '/api/v1/workspace', { settings: { clientRateLimit: 1_000_000, workspaceRateLimit: 10_000_000 } });
  for (let i = 0; i < 5 && raised.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    raised = await client(baseUrl)('PATCH', '/api/v1/workspace', { settings: { clientRateLimit: 1_000_000, workspaceRateLimit: 10_000_000 } });
  }
  if (raised.status !== 200) throw new Error(`could not raise the demo rate limits: ${JSON.stringify(raised.body)}`);
  return handle;
}

/** A small client for the tests: JSON in, `{ status, body, headers }` out. */
export function client(baseUrl: string, key: string | null = API_KEY) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const h: Record<string, string> = { ...headers };
    if (key) h.authorization = `Bearer ${key}`;
    if (body !== undefined && !('content-type' in h)) h['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, {
      method,
      headers: h,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: json as any, headers: res.headers };
  };
}

let seq = 0;
/** A fresh client-side response id, as the widget would generate. */
export const newResponseId = () => `t_${Date.now().toString(36)}_${(seq++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
