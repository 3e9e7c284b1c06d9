import type { Worker } from 'node:worker_threads';
import { startWorker } from '../db/start-worker';
import type { ResponseAnalysis } from '../db/schema';
import { analyzeInThread, type Analyzer } from './services/analyze-response';
import type { AnalysisContext } from './services/themes';

export type ThreadMessage =
  | { kind: 'context'; id: number; context: AnalysisContext }
  | { kind: 'forget' }
  | { kind: 'analyze'; task: number; contextId: number; comment: string };
export type ThreadReply = { task: number; analysis: ResponseAnalysis } | { task: number; error: string };

/** Contexts a thread keeps before it is told to forget them all (they change every few minutes at most). */
const CONTEXTS_PER_THREAD = 256;

interface Thread {
  worker: Worker;
  /** Context ids this thread has been sent. */
  known: Set<number>;
  pending: Map<number, { resolve: (a: ResponseAnalysis) => void; reject: (e: unknown) => void }>;
  /** Whether it has answered once, i.e. it starts. */
  answered: boolean;
}

/**
 * Comment analysis on worker threads (Node), so that it never competes with acknowledging
 * responses on the main thread. Each comment goes to the thread with the fewest in flight.
 * A context (taxonomy and model, cached per workspace by services/themes.ts) is the same
 * object for as long as it is cached, so each thread gets it once, not with every comment:
 * cloning a model per comment would cost the main thread more than the analysis saves.
 */
export function createAnalysisPool(size: number, onError: (err: unknown) => void) {
  const start = (): Worker => startWorker(import.meta.url, 'analysis-thread');
  const contextIds = new WeakMap<AnalysisContext, number>();
  let nextContext = 1;
  let nextTask = 1;
  let closing = false;

  const spawn = (): Thread => {
    const thread: Thread = { worker: start(), known: new Set(), pending: new Map(), answered: false };
    thread.worker.on('message', (r: ThreadReply) => {
      const p = thread.pending.get(r.task);
      thread.pending.delete(r.task);
      if ('error' in r) p?.reject(new Error(r.error));
      else p?.resolve(r.analysis);
    });
    thread.worker.on('error', onError);
    thread.worker.on('message', () => (thread.answered = true));
    thread.worker.on('exit', () => {
      // A crashed thread fails what it held (the sweep redoes those comments) and is replaced,
      // unless it never answered: a thread that cannot start would only crash again.
      for (const p of thread.pending.values()) p.reject(new Error('analysis thread exited'));
      thread.pending.clear();
      const at = threads.indexOf(thread);
      if (closing || at < 0) return;
      if (thread.answered) threads[at] = spawn();
      else {
        threads.splice(at, 1);
        if (threads.length === 0) onError(new Error('analysis threads could not start: analysing on the main thread'));
      }
    });
    thread.worker.unref();
    return thread;
  };
  const threads = Array.from({ length: size }, spawn);

  const analyze: Analyzer = (comment, context) => {
    if (threads.length === 0) return analyzeInThread(comment, context);
    const thread = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    let id = contextIds.get(context);
    if (id === undefined) contextIds.set(context, (id = nextContext++));
    if (!thread.known.has(id)) {
      if (thread.known.size >= CONTEXTS_PER_THREAD) {
        thread.worker.postMessage({ kind: 'forget' } satisfies ThreadMessage);
        thread.known.clear();
      }
      thread.worker.postMessage({ kind: 'context', id, context } satisfies ThreadMessage);
      thread.known.add(id);
    }
    const task = nextTask++;
    return new Promise((resolve, reject) => {
      thread.pending.set(task, { resolve, reject });
      thread.worker.postMessage({ kind: 'analyze', task, contextId: id, comment } satisfies ThreadMessage);
    });
  };

  return {
    analyze,
    /** Stops the threads; call after the queue feeding them has drained. */
    async close(): Promise<void> {
      closing = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
