import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/** Rejects bodies over `maxSize` bytes with a 413 before they are read into memory. */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The body is larger than ${Math.round(maxSize / 1024)} KiB`);
    },
  });
