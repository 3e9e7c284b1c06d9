import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the module `name` beside `from` (an `import.meta.url`): the `.ts`
 * file under tsx (`npm start`, the tests), the `.js` one if the server were compiled.
 * Loader hooks registered by `--import tsx` do not reach worker threads, so under tsx each
 * thread registers tsx itself before importing its entry.
 */
export function startWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  const ext = extname(fileURLToPath(from));
  const entry = new URL(`./${name}${ext}`, from);
  if (ext !== '.ts') return new Worker(entry, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { ...options, eval: true });
}
