/** One measured figure. `baseline` is the comparison measured side by side in the same run. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline (or baseline / value for times), as the benchmark defines it. */
  ratio?: number;
  target?: string;
  /** Whether the target holds; omitted when there is no target. */
  pass?: boolean;
  note?: string;
  /** The bench/*.bench.ts file that measured it (set by bench/run.ts). */
  file?: string;
}

/** A benchmark module: `bench/*.bench.ts` default-exports one of these. */
export type Bench = () => Promise<BenchRow[]>;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The median time in ms of `runs` calls of `fn`, after `warmups` calls that warm caches and prepared statements. */
export async function medianMs(fn: () => Promise<unknown>, runs: number, warmups = 2): Promise<number> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
