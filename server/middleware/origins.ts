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
