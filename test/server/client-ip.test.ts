import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from '../../server/client-ip';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('CHORUS_TRUST_PROXY', () => {
  it('parses off, cloudflare and x-forwarded-for with a hop count, and refuses anything else', () => {
    for (const v of [undefined, '', 'off', 'false', '0']) expect(parseTrustProxy(v)).toEqual({ kind: 'socket' });
    expect(parseTrustProxy('cloudflare')).toEqual({ kind: 'cloudflare' });
    expect(parseTrustProxy('X-Forwarded-For')).toEqual({ kind: 'x-forwarded-for', hops: 1 });
    expect(parseTrustProxy('x-forwarded-for:3')).toEqual({ kind: 'x-forwarded-for', hops: 3 });
    for (const v of ['on', 'true', 'x-forwarded-for:0', 'x-forwarded-for:-1', 'x-real-ip', 'forwarded']) expect(() => parseTrustProxy(v), v).toThrow(/CHORUS_TRUST_PROXY/);
  });

  it('believes headers only when told to, and falls back to the socket when they are missing', () => {
    const h = headers({ 'cf-connecting-ip': '203.0.113.5', 'x-forwarded-for': 'spoofed, 198.51.100.1, 10.0.0.2' });
    expect(clientAddress({ kind: 'socket' }, h, '10.0.0.9')).toBe('10.0.0.9');
    expect(clientAddress({ kind: 'cloudflare' }, h, '10.0.0.9')).toBe('203.0.113.5');
    expect(clientAddress({ kind: 'x-forwarded-for', hops: 1 }, h, '10.0.0.9')).toBe('10.0.0.2');
    expect(clientAddress({ kind: 'x-forwarded-for', hops: 2 }, h, '10.0.0.9')).toBe('198.51.100.1');
    expect(clientAddress({ kind: 'x-forwarded-for', hops: 4 }, h, '10.0.0.9')).toBe('10.0.0.9');
    expect(clientAddress({ kind: 'cloudflare' }, headers({}), '10.0.0.9')).toBe('10.0.0.9');
    expect(clientAddress({ kind: 'x-forwarded-for', hops: 1 }, headers({}), '10.0.0.9')).toBe('10.0.0.9');
  });
});

