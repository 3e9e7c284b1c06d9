import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/**
 * Rejects bodies over `maxSize` bytes with a 413 before they are read into memory. The
 * answer closes the connection: the rest of the body is still on its way, and a client that
 * sent its next request on the same connection would have it cut off when the server stops
 * draining (@hono/node-server gives up after 500 ms).
 *
 * A declared Content-Length is checked here, as hono's bodyLimit would, without asking for
 * the request's `body` first: on Node that builds a full Fetch Request (stream, abort
 * signal) and loses the adapter's fast body read, ≈ 4 % of ingestion's CPU. Chunked bodies
 * go to hono's bodyLimit, which counts them as they arrive.
 */
export const limitBody = (maxSize: number): MiddlewareHandler => {
  const tooLarge = () => {
    throw new ApiError(413, 'payload_too_large', `The body is larger than ${Math.round(maxSize / 1024)} KiB`, undefined, { Connection: 'close' });
  };
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length || '0', 10) > maxSize) tooLarge();
      return next();
    }
    return streamed(c, next);
  };
};
