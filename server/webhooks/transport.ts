import { urlRefusal } from './ip-ranges';

/** One signed POST to a webhook receiver. */
export interface Outgoing {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** The target may not be reached (a private address, or a name that resolves to one). */
export class TargetRefused extends Error {
  constructor() {
    super('target refused');
  }
}

/** How a runtime sends deliveries and, where it can, resolves names before registering them. */
export interface WebhookTransport {
  /**
   * Posts without following redirects and returns the status code. Unless `allowPrivate`,
   * throws TargetRefused before connecting to a refused address.
   */
  post(req: Outgoing, allowPrivate: boolean): Promise<number>;
  /** The addresses a name resolves to (Node); Workers cannot resolve names themselves. */
  resolve?(host: string): Promise<string[]>;
}

/**
 * `fetch`, for Workers (and the default): only literal addresses and plainly internal names
 * can be checked here, since a Worker cannot resolve DNS; Cloudflare's edge itself refuses
 * to connect to private and loopback addresses, so a name that resolves to one fails there.
 */
export const fetchTransport: WebhookTransport = {
  async post(req, allowPrivate) {
    if (!allowPrivate && urlRefusal(req.url)) throw new TargetRefused();
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(req.timeoutMs) });
    await res.body?.cancel();
    return res.status;
  },
};
