import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/**
 * Rejects bodies over `maxSize` bytes with a 413 before they are read into memory. The
 * answer closes the connection: the rest of the body is still on its way, and a client that
 * sent its next request on the same connection would have it cut off when the server stops
 * draining (@hono/node-server gives up after 500 ms).
 */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The body is larger than ${Math.round(maxSize / 1024)} KiB`, undefined, { Connection: 'close' });
    },
  });
