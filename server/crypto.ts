const hex = (bytes: ArrayBuffer | Uint8Array): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 through WebCrypto, available on Node and Workers alike. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * A random URL-safe secret with a readable prefix.
 *
 * @example randomToken('ck') // "ck_3f9a…" (32 random bytes)
 */
export function randomToken(prefix: string, bytes = 24): string {
  return `${prefix}_${hex(crypto.getRandomValues(new Uint8Array(bytes)))}`;
}

/** Short random ids for server-created rows, e.g. `tp_8c1e0b7d2a4f`. */
export const newId = (prefix: string): string => randomToken(prefix, 8);
