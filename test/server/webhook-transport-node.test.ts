import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeTransport } from '../../server/webhooks/transport-node';
import { TargetRefused } from '../../server/webhooks/transport';
import { assertTargetAllowed } from '../../server/webhooks/target';
import { ApiError } from '../../server/errors';
import { receiver } from '../http/receiver';

const hook = receiver();
let port: number;

beforeAll(async () => {
  port = Number(new URL(await hook.start()).port);
});
afterAll(() => hook.stop());

/** A resolver that answers from a script, one answer per lookup, as a rebinding DNS server would. */
function scripted(...answers: string[][]) {
  let n = 0;
  const calls: string[] = [];
  const resolver = (host: string, cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
    calls.push(host);
    const a = answers[Math.min(n++, answers.length - 1)]!;
    setImmediate(() => cb(null, a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));
  };
  return { resolver, calls };
}

const send = (t: ReturnType<typeof nodeTransport>, url: string, allowPrivate = false) =>
  t.post({ url, headers: { 'content-type': 'application/json' }, body: '{"x":1}', timeoutMs: 2000 }, allowPrivate);

describe('node webhook transport', () => {
  it('connects to the address its own lookup checked', async () => {
    // rebind.example exists only in this resolver: a delivery that reaches the receiver went where the lookup said.
    const dns = scripted(['127.0.0.1']);
    hook.received.length = 0;
    expect(await send(nodeTransport(dns.resolver), `http://rebind.example:${port}/allowed`, true)).toBe(200);
    expect(hook.received.map((r) => r.path)).toEqual(['/allowed']);
    expect(dns.calls).toEqual(['rebind.example']);
  });

  it('refuses a name that resolves to a private address, before connecting', async () => {
    hook.received.length = 0;
    for (const answer of [['127.0.0.1'], ['::1'], ['10.0.0.7'], ['169.254.169.254'], ['93.184.215.14', '127.0.0.1'], ['::ffff:127.0.0.1']]) {
      await expect(send(nodeTransport(scripted(answer).resolver), `http://rebind.example:${port}/refused`)).rejects.toBeInstanceOf(TargetRefused);
    }
    expect(hook.received).toEqual([]);
  });

  it('refuses at delivery a name that was public at registration (DNS rebinding)', async () => {
    const dns = scripted(['93.184.215.14'], ['127.0.0.1']);
    const t = nodeTransport(dns.resolver);
    await expect(assertTargetAllowed(`http://rebind.example:${port}/`, { transport: t })).resolves.toBeUndefined();
    hook.received.length = 0;
    await expect(send(t, `http://rebind.example:${port}/rebound`)).rejects.toBeInstanceOf(TargetRefused);
    expect(hook.received).toEqual([]);
  });

  it('refuses literal private addresses without a lookup', async () => {
    const dns = scripted(['93.184.215.14']);
    await expect(send(nodeTransport(dns.resolver), `http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(TargetRefused);
    await expect(send(nodeTransport(dns.resolver), `http://[::ffff:7f00:1]:${port}/`)).rejects.toBeInstanceOf(TargetRefused);
    expect(dns.calls).toEqual([]);
  });

  it('does not follow redirects', async () => {
    hook.received.length = 0;
    hook.set((path) => (path === '/moved' ? 302 : 200));
    expect(await send(nodeTransport(scripted(['127.0.0.1']).resolver), `http://rebind.example:${port}/moved`, true)).toBe(302);
    expect(hook.received.map((r) => r.path)).toEqual(['/moved']);
    hook.set(() => 200);
  });

  it('refuses names that resolve to private addresses at registration', async () => {
    const t = nodeTransport(scripted(['192.168.0.20']).resolver);
    const err = await assertTargetAllowed('https://hooks.example.com/x', { transport: t }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('webhook_target_refused');
    await expect(assertTargetAllowed('https://hooks.example.com/x', { transport: t, allowPrivate: true })).resolves.toBeUndefined();
    // Without a resolver (Workers) a name passes; literal addresses never do.
    await expect(assertTargetAllowed('https://hooks.example.com/x', {})).resolves.toBeUndefined();
    await expect(assertTargetAllowed('http://[::1]/', {})).rejects.toBeInstanceOf(ApiError);
  });
});
