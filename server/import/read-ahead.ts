import { ApiError } from '../errors';

/**
 * A request body as it arrives, read ahead of the import consuming it: the upload is never
 * held back by the import's pace (which would let a large import run into the server's
 * request timeout), and the import starts on the first bytes. What is held is bounded by
 * the route's body limit.
 */
export function readAhead(body: ReadableStream<Uint8Array> | null): AsyncIterable<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let taken = 0;
  let ended = !body;
  let failed = false;
  let wake: (() => void) | undefined;
  const reader = body?.getReader();
  if (reader) {
    void (async () => {
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          chunks.push(r.value);
          wake?.();
        }
      } catch {
        failed = true; // the client went away, or the body broke off
      } finally {
        ended = true;
        wake?.();
      }
    })();
  }
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (failed) throw new ApiError(400, 'body_incomplete', 'The request body ended before it was complete');
          if (taken < chunks.length) {
            const chunk = chunks[taken]!;
            chunks[taken++] = new Uint8Array(0); // let it be collected
            yield chunk;
            continue;
          }
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        // The import stopped early (the client left, or the header was unreadable): read no more.
        if (!ended) reader?.cancel().catch(() => undefined);
      }
    },
  };
}
