import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

// The ingestion load, shared by every target (Chorus on Node, Chorus on workerd, the echoes)
// so that their figures differ only in what answers the requests.
export const CONNECTIONS = 50;
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The steady-rate phase: what a respondent sees on a busy but not saturated server. */
export const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 100);

const comments = [
  'Support took four days to answer my ticket, really frustrating.',
  'Checkout was quick and the pricing was clear. Great job!',
  'The onboarding guide skipped the integration step, I got lost.',
  'Love the product but the renewal price went up a lot.',
];

/** A widget submission as the loader sends it: a fresh client-generated id, a score, a comment, context. */
export const submission = (i: number): string =>
  JSON.stringify({
    id: `bench_${process.pid}_${Date.now().toString(36)}_${i}`,
    surveyId: 'sv_support',
    answers: { nps: i % 11, comment: comments[i % comments.length] },
    complete: true,
    attributes: { plan: i % 3 ? 'pro' : 'free' },
    pageUrl: 'https://app.acme.example/support/tickets/123',
    deviceClass: 'desktop',
  });

export interface Load {
  /** Mean requests/s over the run (autocannon's per-second samples). */
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx responses plus connection errors and timeouts. */
  failed: number;
}

export interface LoadOptions {
  /** The widget posts text/plain (no CORS preflight); the echo parses JSON. */
  contentType: string;
  connections?: number;
  /** Requests/s across all connections; omitted = as fast as the server answers. */
  rate?: number;
}

/** POSTs a fresh submission per request for SECONDS with autocannon. */
export async function post(url: string, options: LoadOptions): Promise<Load> {
  let i = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.connections ?? CONNECTIONS,
    duration: SECONDS,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: { 'content-type': options.contentType },
    requests: [{ setupRequest: (req) => ({ ...req, body: submission(i++) }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts };
}

/**
 * Requests at evenly spaced instants (an open loop, like respondents who do not wait for each
 * other), each timed from its planned instant so that a stall counts against every request it
 * delays. autocannon's `overallRate` sends each second's quota in one burst instead, which
 * measures a burst's queue rather than a steady rate.
 */
export async function paced(url: string, rate: number, contentType: string, seconds = SECONDS): Promise<Load> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let failed = 0;
  const send = (i: number, planned: number) =>
    new Promise<void>((done) => {
      const body = submission(i);
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 300) failed++;
            latencies.push(performance.now() - planned);
            done();
          });
        },
      );
      req.on('error', () => {
        failed++;
        done();
      });
      req.end(body);
    });
  const start = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const planned = start + (i * 1000) / rate;
    const wait = planned - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(send(i, planned));
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { rps: latencies.length / elapsed, p50: quantile(0.5), p99: quantile(0.99), failed };
}

/** Latency at a steady rate first, then saturation (whose analysis backlog would otherwise skew the steady figures). */
export async function steadyThenSaturated(url: string): Promise<{ steady: Load; saturated: Load }> {
  const steady = await paced(url, STEADY_RATE, 'text/plain');
  const saturated = await post(url, { contentType: 'text/plain' });
  return { steady, saturated };
}
