/**
 * The Node stand-in for `waitUntil`: runs background tasks after the response, at most
 * `concurrency` at a time (so a slow webhook receiver cannot hold up comment analysis), and
 * lets shutdown wait for the ones in flight.
 */
export function createTaskQueue(onError: (err: unknown) => void, concurrency = 16) {
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  let idle: (() => void)[] = [];
  const next = () => {
    while (running < concurrency && waiting.length > 0) {
      const task = waiting.shift()!;
      running++;
      task()
        .catch(onError)
        .finally(() => {
          running--;
          next();
          if (running === 0 && waiting.length === 0) {
            idle.forEach((resolve) => resolve());
            idle = [];
          }
        });
    }
  };
  return {
    push(task: () => Promise<void>): void {
      waiting.push(task);
      next();
    },
    /** Resolves once every task queued so far has finished. */
    drain(): Promise<void> {
      return running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
    },
    get size(): number {
      return running + waiting.length;
    },
  };
}
