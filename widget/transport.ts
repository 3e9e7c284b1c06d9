import type { ResponseSubmission } from '../server/schemas/response';
import { randomId, read, write } from './storage';

// Every submission goes through a persistent outbox first, so an answer given offline, on
// a flaky network or just before the tab closes is retried on the next page load.
const KEY = 'chorus:outbox';
const MAX_DELAY = 3600_000;

interface Item {
  /** Unique per item, to remove exactly the one that was sent. */
  k: string;
  url: string;
  body: ResponseSubmission;
  tries: number;
  /** Not before this time (ms); exponential backoff. */
  due: number;
}

let busy = false;
let timer: ReturnType<typeof setTimeout> | undefined;

export function enqueue(url: string, body: ResponseSubmission): void {
  write(KEY, [...read<Item[]>(KEY, []), { k: randomId(), url, body, tries: 0, due: 0 }]);
  void flush();
}

export const pending = (): number => read<Item[]>(KEY, []).length;

/**
 * Sends queued submissions in order (so a later step never lands before the score), one at
 * a time; `force` ignores backoff, e.g. when the browser comes back online.
 */
export async function flush(force = false): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (;;) {
      const item = read<Item[]>(KEY, [])[0];
      if (!item || navigator.onLine === false) return; // the `online` event flushes again
      const wait = item.due - Date.now();
      if (wait > 0 && !force) {
        clearTimeout(timer);
        timer = setTimeout(() => void flush(), wait);
        return;
      }
      const retry = await post(item);
      // Re-read: another tab or a new answer may have changed the queue meanwhile.
      const queue = read<Item[]>(KEY, []);
      const at = queue.findIndex((i) => i.k === item.k);
      if (retry && at >= 0) {
        const tries = item.tries + 1;
        queue[at] = { ...item, tries, due: Date.now() + Math.min(MAX_DELAY, 1000 * 2 ** tries * (0.5 + Math.random())) };
        write(KEY, queue);
        force = false;
      } else if (at >= 0) {
        queue.splice(at, 1);
        write(KEY, queue);
      }
    }
  } finally {
    busy = false;
  }
}

/** Posts one item; true when it should be retried later. */
async function post(item: Item): Promise<boolean> {
  try {
    // A string body is sent as text/plain: a "simple" request, so no CORS preflight.
    // keepalive lets the request outlive the page (answer, then close the tab).
    const res = await fetch(item.url, { method: 'POST', body: JSON.stringify(item.body), keepalive: true });
    const s = res.status;
    if (s < 400) return false;
    // Final: every other 4xx (invalid, unknown survey…) would fail the same way forever.
    return s >= 500 || s === 408 || s === 429 || (s === 409 && (await res.text()).includes('concurrent_update'));
  } catch {
    return true; // network error
  }
}
