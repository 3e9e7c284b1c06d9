import type { Change } from './nps';

/**
 * Below this many answers a bucket is marked `smallSample` and never takes part in a
 * significance flag: at n = 30 the NPS margin is already up to ±36 points, and the normal
 * approximations behind the tests are not trustworthy below it.
 */
export const MIN_N = 30;

export const isSmall = (n: number): boolean => n < MIN_N;

/** A series point with its sample-size flag and the change from the previous point. */
export type Flagged<T> = T & { smallSample: boolean; change: Change | null };

/**
 * Adds `smallSample` and `change` (from the previous point) to each point. A change is kept
 * for reading but its `significant` is forced false when either side is a small sample.
 */
export function flagSeries<T>(points: readonly T[], n: (p: T) => number, test: (before: T, after: T) => Change | null): Flagged<T>[] {
  return points.map((p, i) => {
    const prev = i > 0 ? points[i - 1]! : null;
    let change = prev ? test(prev, p) : null;
    if (change && (isSmall(n(prev!)) || isSmall(n(p)))) change = { ...change, significant: false };
    return { ...p, smallSample: isSmall(n(p)), change };
  });
}
