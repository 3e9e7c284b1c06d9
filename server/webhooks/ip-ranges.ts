/**
 * Which webhook targets Chorus may post to: pure checks on IP literals, host names and URLs,
 * shared by registration and delivery (and by both runtimes). Everything that is not a
 * globally routable unicast address is refused, so a webhook cannot be aimed at the
 * server's own network (SSRF): loopback, RFC 1918, link-local, CGNAT, unique-local IPv6,
 * multicast, broadcast, reserved ranges and the cloud metadata address.
 */

import ipaddr from 'ipaddr.js';

export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'cgnat'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

/** Why a target is refused: the kind of address, or a name that only means something inside a network. */
export type Refusal = Exclude<AddressKind, 'public'> | 'internal-name' | 'scheme';

// ipaddr.js (the parser behind Express's trust-proxy) reads every spelling resolvers accept:
// `2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`, IPv6 with `::`, zones and dotted tails.
const v4Kind: Record<string, AddressKind> = {
  unicast: 'public', private: 'private', loopback: 'loopback', linkLocal: 'link-local', carrierGradeNat: 'cgnat',
  unspecified: 'unspecified', multicast: 'multicast', broadcast: 'broadcast',
};
const v6Kind: Record<string, AddressKind> = {
  unicast: 'public', loopback: 'loopback', linkLocal: 'link-local', uniqueLocal: 'unique-local', unspecified: 'unspecified',
  multicast: 'multicast', deprecatedSiteLocal: 'private',
};
const METADATA = ipaddr.IPv4.parse('169.254.169.254');

function kindOfV4(ip: ipaddr.IPv4): AddressKind {
  if (ip.toNormalizedString() === METADATA.toNormalizedString()) return 'metadata';
  // `0.x.x.x` is "this network": ipaddr.js calls only 0.0.0.0 itself unspecified.
  if ((ip.octets[0] ?? 0) === 0) return 'unspecified';
  return v4Kind[ip.range()] ?? 'reserved';
}

function kindOfV6(ip: ipaddr.IPv6): AddressKind {
  const range = ip.range();
  const p = ip.parts;
  // Addresses that carry an IPv4 address reach whatever that address is.
  const v4 = (hi: number, lo: number) => kindOfV4(new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]));
  if (range === 'ipv4Mapped' || range === 'rfc6052' || (p.slice(0, 6).every((x) => x === 0) && (p[6] ?? 0) + (p[7] ?? 0) > 1)) return v4(p[6] ?? 0, p[7] ?? 0);
  if (range === '6to4') return v4(p[1] ?? 0, p[2] ?? 0);
  // Only 2000::/3 is global unicast, and within it only what ipaddr.js calls plain unicast.
  return v6Kind[range] ?? 'reserved';
}

/** What an IP literal is, or undefined when `host` is not one (then it is a name). */
export function addressKind(host: string): AddressKind | undefined {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1).replace(/%25/, '%') : host;
  if (ipaddr.IPv4.isValid(h)) return kindOfV4(ipaddr.IPv4.parse(h));
  if (ipaddr.IPv6.isValid(h)) return kindOfV6(ipaddr.IPv6.parse(h));
  return undefined;
}

// Names that only resolve inside a network (RFC 6761/6762, RFC 8375, common private zones).
const internalSuffixes = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'corp', 'home.arpa'];

/**
 * Why a host (an IP literal or a name) is refused, or null. Names pass unless they are
 * plainly internal (`localhost`, `*.localhost`, `*.internal`, a single label); where the
 * runtime can resolve them, delivery checks the addresses too.
 */
export function hostRefusal(host: string): Refusal | null {
  const kind = addressKind(host);
  if (kind !== undefined) return kind === 'public' ? null : kind;
  const name = host.toLowerCase().replace(/\.+$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  if (!name.includes('.')) return 'internal-name';
  if (internalSuffixes.some((s) => name.endsWith(`.${s}`))) return 'internal-name';
  return null;
}

/** Why a webhook URL is refused before any lookup (scheme, literal address or name), or null. */
export function urlRefusal(url: string | URL): Refusal | null {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return 'scheme';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'scheme';
  return hostRefusal(u.hostname);
}

/** `https://hooks.slack.com/…`: enough to recognise a webhook without holding its credential. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}
