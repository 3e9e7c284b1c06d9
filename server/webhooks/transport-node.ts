import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressKind, urlRefusal } from './ip-ranges';
import { TargetRefused, type WebhookTransport } from './transport';

type Resolver = (host: string, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;
const systemResolver: Resolver = (host, cb) => dnsLookup(host, { all: true }, cb);

/**
 * A `lookup` for the socket that refuses the connection unless every address the name
 * resolves to is public. Checking inside the connection's own lookup (rather than resolving
 * first and then fetching) means the socket connects to exactly the addresses checked, so a
 * DNS answer that changes between check and connect (rebinding) cannot slip through.
 */
export function guardedLookup(allowPrivate: boolean, resolver: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname, (err, addresses) => {
      if (err) return callback(err, '', 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
      if (!allowPrivate && addresses.some((a) => addressKind(a.address) !== 'public')) return callback(new TargetRefused(), '', 0);
      if (wanted.length === 0) return callback(Object.assign(new Error(`no IPv${options.family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return callback(null, wanted);
      callback(null, wanted[0]!.address, wanted[0]!.family);
    });
  };
}

/**
 * Deliveries on Node: node:http with the guarded lookup (undici's fetch takes no lookup
 * without a dependency on the undici package). Literal IPs never reach a lookup, so the URL
 * is checked first; node:http follows no redirects.
 */
export function nodeTransport(resolver: Resolver = systemResolver): WebhookTransport {
  return {
    post(req, allowPrivate) {
      const url = new URL(req.url);
      if (!allowPrivate && urlRefusal(url)) return Promise.reject(new TargetRefused());
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<number>((resolve, reject) => {
        const r = send(
          url,
          {
            method: 'POST',
            headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
            lookup: guardedLookup(allowPrivate, resolver),
            // No pooled sockets: each delivery connects afresh, through the lookup above.
            agent: false,
            signal: AbortSignal.timeout(req.timeoutMs),
          },
          (res) => {
            resolve(res.statusCode ?? 0);
            // The status is all that is kept; never read a receiver's (possibly endless) body.
            res.destroy();
          },
        );
        r.on('error', (err) => reject(err));
        r.end(req.body);
      });
    },
    resolve: (host) =>
      new Promise((ok, fail) => resolver(host, (err, addresses) => (err ? fail(err) : ok(addresses.map((a) => a.address))))),
  };
}
