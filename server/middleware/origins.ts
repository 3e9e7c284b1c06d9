const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a browser origin matches one of a workspace's patterns: an exact origin,
 * `*` for any, `https://*.example.com` for subdomains, `http://localhost:*` for any port.
 *
 * @example originAllowed('http://localhost:5173', ['http://localhost:*']) // true
 */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    if (pattern === '*') return true;
    if (!pattern.includes('*')) return pattern === origin;
    const parts = pattern.split('*');
    // A star after ":" is a port (digits only); elsewhere it stands for subdomain labels.
    const re = parts.map((p, i) => escape(p) + (i === parts.length - 1 ? '' : p.endsWith(':') ? '\\d{1,5}' : '[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*')).join('');
    return new RegExp(`^${re}$`).test(origin);
  });
}

/**
 * The origin a widget request came from, for the install check: the Origin header (already
 * checked by publicKeyAuth), else the Referer's origin (same-origin GETs send no Origin) when
 * it is this server's or an allowed one, so a made-up Referer cannot list a site.
 */
export function widgetOrigin(origin: string | undefined, referer: string | undefined, own: string, patterns: readonly string[]): string | undefined {
  if (origin !== undefined) return origin === 'null' || origin.length > 200 ? undefined : origin;
  if (!referer) return undefined;
  try {
    const from = new URL(referer).origin;
    return from === own || originAllowed(from, patterns) ? from : undefined;
  } catch {
    return undefined;
  }
}
