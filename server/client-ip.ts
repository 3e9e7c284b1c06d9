/**
 * Which address names the client, for rate limits (`CHORUS_TRUST_PROXY` on Node). Headers
 * are only believed when the operator says a proxy sets them: otherwise any client could
 * pick a fresh address per request and never be limited.
 */
export type TrustProxy = { kind: 'socket' } | { kind: 'cloudflare' } | { kind: 'x-forwarded-for'; hops: number };

/** Parses the setting; throws on anything unknown, so a typo fails at start and not silently. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'off' || v === 'false' || v === '0') return { kind: 'socket' };
  if (v === 'cloudflare') return { kind: 'cloudflare' };
  const xff = /^x-forwarded-for(?::(\d{1,2}))?$/.exec(v);
  if (xff && (xff[1] === undefined || Number(xff[1]) >= 1)) return { kind: 'x-forwarded-for', hops: Number(xff[1] ?? 1) };
  throw new Error(`CHORUS_TRUST_PROXY must be unset, "off", "cloudflare", "x-forwarded-for" or "x-forwarded-for:N" (N ≥ 1), not "${value}"`);
}

/**
 * The client's address under `trust`. With `x-forwarded-for:N` it is the Nth entry from the
 * right, the one the outermost of N trusted proxies saw; entries further left are whatever
 * the client sent. A request that did not come through the proxies falls back to the socket.
 */
export function clientAddress(trust: TrustProxy, header: (name: string) => string | undefined, socket: string | undefined): string | undefined {
  if (trust.kind === 'cloudflare') return header('cf-connecting-ip')?.trim() || socket;
  if (trust.kind === 'x-forwarded-for') {
    const hops = (header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return (hops.length >= trust.hops ? hops[hops.length - trust.hops] : undefined) ?? socket;
  }
  return socket;
}
