/**
 * Which webhook targets Chorus may post to: pure checks on IP literals, host names and URLs,
 * shared by registration and delivery (and by both runtimes). Everything that is not a
 * globally routable unicast address is refused, so a webhook cannot be aimed at the
 * server's own network (SSRF): loopback, RFC 1918, link-local, CGNAT, unique-local IPv6,
 * multicast, broadcast, reserved ranges and the cloud metadata address.
 */

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

// Order matters: the metadata address sits inside link-local.
const v4Ranges: [string, number, AddressKind][] = [
  ['169.254.169.254', 32, 'metadata'],
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/**
 * An IPv4 address as `inet_aton` reads it, which is what resolvers accept: one to four
 * parts, each decimal, `0x` hex or leading-zero octal, the last filling the remaining
 * bytes (`2130706433`, `0x7f.1`, `0177.0.0.1` are all 127.0.0.1). The URL parser
 * normalises these too; parsing them here keeps the check safe on raw host strings.
 */
export function parseV4(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    const m = /^(?:0x([0-9a-f]*)|(0[0-7]*)|([1-9][0-9]*))$/i.exec(p);
    if (!m) return undefined;
    const n = m[1] !== undefined ? (m[1] === '' ? 0 : parseInt(m[1], 16)) : m[2] !== undefined ? parseInt(m[2], 8) : Number(m[3]);
    if (!Number.isFinite(n)) return undefined;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 2 ** (8 * (4 - nums.length))) return undefined;
  return nums.reduce((acc, n, i) => acc + n * 2 ** (8 * (3 - i)), 0) + last;
}

/** Eight 16-bit groups, or undefined when `host` is not an IPv6 literal (brackets and a zone allowed). */
export function parseV6(host: string): number[] | undefined {
  let h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  h = h.replace(/%.*$/, '');
  if (!h.includes(':')) return undefined;
  const halves = h.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.includes('.')) {
        // An embedded dotted IPv4 tail (::ffff:127.0.0.1) must be four decimal parts.
        if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(p)) return undefined;
        const v4 = parseV4(p.split('.').map(Number).join('.'));
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const fill = 8 - head.length - tail.length;
  return fill >= 1 ? [...head, ...Array<number>(fill).fill(0), ...tail] : undefined;
}

const v4Prefixes = v4Ranges.map(([base, bits, kind]) => ({ prefix: parseV4(base)! >>> (32 - bits), shift: 32 - bits, kind }));

function kindOfV4(ip: number): AddressKind {
  for (const r of v4Prefixes) if (ip >>> r.shift === r.prefix) return r.kind;
  return 'public';
}

function kindOfV6(g: number[]): AddressKind {
  const v4 = (hi: number, lo: number) => kindOfV4(hi * 65536 + lo);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 8)) return 'unspecified';
  if (zero(0, 7) && g[7] === 1) return 'loopback';
  // Addresses that carry an IPv4 address reach whatever that address is.
  if (zero(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!); // IPv4-mapped ::ffff:a.b.c.d
  if (zero(0, 6)) return v4(g[6]!, g[7]!); // IPv4-compatible ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 6to4
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'unique-local';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((first & 0xff00) === 0xff00) return 'multicast';
  // Only 2000::/3 is global unicast; within it, IETF assignments (Teredo, ORCHID, …) and documentation are not.
  if ((first & 0xe000) !== 0x2000) return 'reserved';
  if (first === 0x2001 && g[1]! < 0x200) return 'reserved';
  if (first === 0x2001 && g[1] === 0xdb8) return 'reserved';
  if (first === 0x3fff && g[1]! < 0x1000) return 'reserved';
  return 'public';
}

/** What an IP literal is, or undefined when `host` is not one (then it is a name). */
export function addressKind(host: string): AddressKind | undefined {
  const v4 = parseV4(host);
  if (v4 !== undefined) return kindOfV4(v4);
  const v6 = parseV6(host);
  return v6 ? kindOfV6(v6) : undefined;
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
