import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyzeComment } from './analysis/comment';
import type { AnalysisContext } from './services/themes';
import type { ThreadMessage, ThreadReply } from './analysis-pool';

// One thread of the analysis pool (server/analysis-pool.ts): comments in, analyses out.
// Contexts (taxonomy and model) arrive once each and are referred to by id afterwards.
const contexts = new Map<number, AnalysisContext>();

// The lowest CPU priority, for this thread only (Linux applies it per thread): when the
// cores are busy, acknowledging responses goes first and analysis takes what is left.
try {
  setPriority(19);
} catch {
  // not permitted here: analysis then competes on equal terms
}

parentPort!.on('message', (m: ThreadMessage) => {
  if (m.kind === 'context') {
    contexts.set(m.id, m.context);
    return;
  }
  if (m.kind === 'forget') {
    contexts.clear();
    return;
  }
  let reply: ThreadReply;
  try {
    const context = contexts.get(m.contextId);
    if (!context) throw new Error(`analysis thread: unknown context ${m.contextId}`);
    reply = { task: m.task, analysis: analyzeComment(m.comment, context) };
  } catch (err) {
    reply = { task: m.task, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
