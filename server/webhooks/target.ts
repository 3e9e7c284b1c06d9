import { ApiError } from '../errors';
import type { DeliveryOptions } from './deliver';
import { addressKind, urlRefusal, type Refusal } from './ip-ranges';

const RESOLVE_TIMEOUT_MS = 2_000;

const refusalText: Record<Refusal, string> = {
  scheme: 'an http or https URL',
  loopback: 'a loopback address',
  private: 'a private network address',
  'link-local': 'a link-local address',
  metadata: 'the cloud metadata address',
  cgnat: 'a carrier-grade NAT address',
  'unique-local': 'a unique-local IPv6 address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  'internal-name': 'a name that only resolves inside a network',
};

const refused = (what: string) =>
  new ApiError(422, 'webhook_target_refused', `Webhook URLs must reach a public address, not ${what} (a self-hosted install with receivers on its own network sets CHORUS_WEBHOOK_ALLOW_PRIVATE=true)`);

/**
 * Refuses a webhook URL at registration: literal private addresses and internal names
 * everywhere, and on Node also names that resolve to a private address now. A name that
 * does not resolve (yet) is accepted; delivery checks the addresses again every time.
 */
export async function assertTargetAllowed(url: string, opts: DeliveryOptions): Promise<void> {
  if (opts.allowPrivate) return;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw refused(refusalText.scheme);
  }
  const refusal = urlRefusal(u);
  if (refusal) throw refused(refusalText[refusal]);
  const resolve = opts.transport?.resolve;
  if (!resolve || addressKind(u.hostname) !== undefined) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const addresses = await Promise.race([
    resolve(u.hostname).catch(() => []),
    new Promise<string[]>((ok) => (timer = setTimeout(() => ok([]), RESOLVE_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
  if (addresses.some((a) => addressKind(a) !== 'public')) throw refused('a name that resolves to a private address');
}
