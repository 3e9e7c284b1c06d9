import type { Context } from 'hono';
import type { AppEnv } from './env';

/**
 * `CHORUS_PUBLIC_URL`, checked and without a trailing slash; undefined when unset. Throws on
 * anything but an http(s) URL, so a typo fails at start instead of sending broken links.
 */
export function parsePublicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`CHORUS_PUBLIC_URL must be an absolute http(s) URL, e.g. https://chorus.example.com, not "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`CHORUS_PUBLIC_URL must use https (or http), not "${url.protocol}"`);
  if (url.search || url.hash || url.username || url.password) throw new Error('CHORUS_PUBLIC_URL takes no query, fragment or credentials');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Where the app is reached, for links it hands out (invitations). From configuration: the
 * request's Host header is the client's to choose, so it is only the development default.
 */
export const publicBase = (c: Context<AppEnv>): string => c.var.publicUrl ?? new URL(c.req.url).origin;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the session cookie is `Secure`: https in the configured URL; unset, anything but local development. */
export function secureCookies(c: Context<AppEnv>): boolean {
  if (c.var.publicUrl) return c.var.publicUrl.startsWith('https:');
  // Browsers refuse Secure cookies over plain http, which local development uses.
  return !LOCAL_HOSTS.has(new URL(c.req.url).hostname);
}
