/**
 * The Node stand-in for `waitUntil`: runs background tasks one at a time after the
 * response, and lets shutdown wait for the ones in flight.
 */
export function createTaskQueue(onError: (err: unknown) => void) {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  return {
    push(task: () => Promise<void>): void {
      pending++;
      tail = tail
        .then(task)
        .catch(onError)
        .finally(() => {
          pending--;
        });
    },
    /** Resolves once every task queued so far has finished. */
    async drain(): Promise<void> {
      while (pending > 0) await tail;
    },
    get size(): number {
      return pending;
    },
  };
}
