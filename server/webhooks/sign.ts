const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The `Chorus-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * keyed with the webhook's secret. Receivers recompute it and reject timestamps older than
 * five minutes, so a captured delivery cannot be replayed later. During a rotation it carries
 * one `v1=` per valid secret (as Stripe's does), the current one first.
 *
 * @example await signature('whsec_…', '{"event":"response.created"}', 1767225600)
 */
export async function signature(secret: string | readonly string[], body: string, timestamp: number): Promise<string> {
  const macs = await Promise.all(
    (typeof secret === 'string' ? [secret] : secret).map(async (s) => {
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(s), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return `v1=${hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${body}`)))}`;
    }),
  );
  return `t=${timestamp},${macs.join(',')}`;
}

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/**
 * A new signing secret as Standard Webhooks shows it: `whsec_` then the base64 of a random
 * 24-byte key. (Secrets made before were `whsec_` + hex; hex is valid base64 too, so
 * receivers verify those with the same libraries; the key is then the base64-decoded text.)
 */
export const newWebhookSecret = (): string => `whsec_${base64(crypto.getRandomValues(new Uint8Array(24)))}`;

/**
 * The `webhook-signature` value of Standard Webhooks (standardwebhooks.com): `v1,` then the
 * base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`, keyed with the base64-decoded secret; one
 * per secret, space-separated, while a rotated secret is still valid.
 *
 * @example await standardSignature(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_1', 1767225600, '{}')
 */
export async function standardSignature(secrets: readonly string[], id: string, timestamp: number, body: string): Promise<string> {
  const content = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  const parts = await Promise.all(
    secrets.map(async (secret) => {
      const key = await crypto.subtle.importKey('raw', fromBase64(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return `v1,${base64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content)))}`;
    }),
  );
  return parts.join(' ');
}

/** The secrets a delivery is signed with now: the current one, and the previous one for 24 h after a rotation. */
export function signingSecrets(hook: { secret: string; previousSecret: string | null; previousSecretExpiresAt: number | null }, now: number): string[] {
  const previous = hook.previousSecret !== null && (hook.previousSecretExpiresAt ?? 0) > now ? [hook.previousSecret] : [];
  return [hook.secret, ...previous];
}
