import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { startServer } from '../test/http/harness';
import type { Bench, BenchRow } from './types';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 100);
const comments = [
  'Support took four days to answer my ticket, really frustrating.',
  'Checkout was quick and the pricing was clear. Great job!',
  'The onboarding guide skipped the integration step, I got lost.',
  'Love the product but the renewal price went up a lot.',
];

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, body: (i: number) => string, contentType: string, rate?: number, connections = CONNECTIONS): Promise<Load> {
  let i = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: SECONDS,
    ...(rate ? { overallRate: rate } : {}),
    headers: { 'content-type': contentType },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

const submission = (i: number) =>
  JSON.stringify({
    id: `bench_${process.pid}_${Date.now().toString(36)}_${i}`,
    surveyId: 'sv_support',
    answers: { nps: i % 11, comment: comments[i % comments.length] },
    complete: true,
    attributes: { plan: i % 3 ? 'pro' : 'free' },
    pageUrl: 'https://app.acme.example/support/tickets/123',
    deviceClass: 'desktop',
  });

async function echoBaseline(port: number): Promise<Load> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/echo-server.ts'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => child.stdout.once('data', ok));
  try {
    return await load(`http://127.0.0.1:${port}/echo`, submission, 'application/json');
  } finally {
    child.kill();
  }
}

/** Ingestion on Node: autocannon against the running server, next to a bare Hono echo. */
const bench: Bench = async () => {
  const server = await startServer('node');
  // Let the start-up analysis of the demo's seeded comments finish before measuring.
  await new Promise((r) => setTimeout(r, 15_000));
  let chorus: Load;
  let steady: Load;
  try {
    const url = `${server.baseUrl}/api/v1/client/pk_demo/responses`;
    // Latency at a steady, sustainable rate first (what a respondent sees on a busy server),
    // then saturation, whose analysis backlog would otherwise skew the steady figures.
    // Ten connections: with fifty, autocannon's paced requests leave in bursts that queue behind each other.
    steady = await load(url, submission, 'text/plain', STEADY_RATE, 10);
    chorus = await load(url, submission, 'text/plain');
  } finally {
    await server.dispose();
  }
  const echo = await echoBaseline(Number(new URL(server.baseUrl).port));
  const ratio = chorus.rps / echo.rps;
  const rows: BenchRow[] = [
    { group: 'ingestion (node)', name: `POST responses, ${CONNECTIONS} connections`, value: chorus.rps, unit: 'req/s', baseline: { name: 'bare Hono echo', value: echo.rps }, ratio, target: '≥ 0.5× echo', pass: ratio >= 0.5, note: `non-2xx: ${chorus.non2xx}` },
    { group: 'ingestion (node)', name: 'POST responses p50', value: chorus.p50, unit: 'ms', baseline: { name: 'bare Hono echo', value: echo.p50 } },
    { group: 'ingestion (node)', name: 'POST responses p99 (saturated)', value: chorus.p99, unit: 'ms', baseline: { name: 'bare Hono echo', value: echo.p99 }, target: '< 25 ms', pass: chorus.p99 < 25 },
    { group: 'ingestion (node)', name: `POST responses p50 at ${Math.round(steady.rps)} req/s (10 connections)`, value: steady.p50, unit: 'ms' },
    { group: 'ingestion (node)', name: `POST responses p99 at ${Math.round(steady.rps)} req/s (10 connections)`, value: steady.p99, unit: 'ms', target: '< 25 ms', pass: steady.p99 < 25 },
  ];
  return rows;
};
export default bench;
