import type { Change } from './nps';
import { isSmall } from './series';

/**
 * The period of the same length just before local days `from` … `to` (inclusive), as day
 * numbers: the last 30 days are compared with the 30 before them.
 *
 * @example previousPeriod(100, 129) // [70, 99]
 */
export function previousPeriod(from: number, to: number): [number, number] {
  const days = to - from + 1;
  return [from - days, from - 1];
}

/**
 * A period-over-period change, kept for reading but never significant when either period
 * is a small sample (the same rule as bucket-over-bucket changes).
 */
export function periodChange(change: Change | null, nBefore: number, nAfter: number): Change | null {
  return change && (isSmall(nBefore) || isSmall(nAfter) ? { ...change, significant: false } : change);
}
