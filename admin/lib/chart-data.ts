import { href } from '../router';
import type { TrendPoint } from '../charts/line-chart';

// Maps API answers to chart points: placement, tooltips and links only. Every value shown is
// one the API returned; the band is the API's value ± the API's margin.

interface Change {
  delta: number;
  significant: boolean;
}
interface Bucket {
  start: string;
  partial: boolean;
  smallSample: boolean;
  change: Change | null;
}
export interface Scope {
  from: string;
  to: string;
  filters: { touchpoint: string | null; survey: string | null; attribute?: { key: string; value: string } | null };
}

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const fmtDay = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
export const round = (v: number | null | undefined, digits = 0): string => (v === null || v === undefined ? '–' : v.toFixed(digits));

/**
 * The inbox filtered to the responses behind a number: same touchpoint and survey, the
 * bucket's days (`to` is exclusive in the responses API), and an optional score range.
 * The responses API filters by UTC day and has no attribute filter, so a segment is dropped.
 */
export function responsesLink(scope: Scope, range: { from: string; to: string } | null, extra: { touchpoint?: string; minScore?: number; maxScore?: number; theme?: string; attribute?: string; cpi?: string } = {}): string {
  const r = range ?? { from: scope.from, to: dayAfter(scope.to) };
  return href('responses', {
    touchpoint: extra.touchpoint ?? scope.filters.touchpoint,
    survey: scope.filters.survey,
    from: r.from,
    to: r.to,
    minScore: extra.minScore,
    maxScore: extra.maxScore,
    cpi: extra.cpi,
    theme: extra.theme,
    attribute: extra.attribute ?? (scope.filters.attribute ? `${scope.filters.attribute.key}:${scope.filters.attribute.value}` : undefined),
  });
}

/** The days a bucket covers: its start up to the next bucket's start (or the end of the scope). */
export const bucketRange = (scope: Scope, buckets: { start: string }[], i: number) => ({ from: buckets[i]!.start, to: buckets[i + 1]?.start ?? dayAfter(scope.to) });

const markOf = (b: Bucket): TrendPoint['mark'] => (b.change?.significant ? (b.change.delta < 0 ? 'down' : 'up') : b.smallSample ? 'small' : undefined);
const changeNote = (b: Bucket, unit: string) => (b.change?.significant ? `\nSignificant change: ${b.change.delta > 0 ? '+' : ''}${b.change.delta.toFixed(1)} ${unit}` : '');
const flags = (b: Bucket) => `${b.smallSample ? ' (small sample)' : ''}${b.partial ? ' (partial bucket)' : ''}`;

export function npsPoints(scope: Scope, buckets: (Bucket & { n: number; nps: number | null; margin: number | null })[], touchpoint?: string): TrendPoint[] {
  return buckets.map((b, i) => ({
    x: fmtDay(b.start),
    y: b.nps,
    lo: b.nps !== null && b.margin !== null ? b.nps - b.margin : undefined,
    hi: b.nps !== null && b.margin !== null ? b.nps + b.margin : undefined,
    note: `NPS ${round(b.nps)} ± ${round(b.margin)}, n = ${b.n}${flags(b)}${changeNote(b, 'points')}`,
    href: responsesLink(scope, bucketRange(scope, buckets, i), touchpoint ? { touchpoint } : {}),
    mark: markOf(b),
  }));
}

export function csatPoints(scope: Scope, buckets: (Bucket & { n: number; csat: number | null; margin: number | null })[]): TrendPoint[] {
  return buckets.map((b, i) => ({
    x: fmtDay(b.start),
    y: b.csat,
    lo: b.csat !== null && b.margin !== null ? b.csat - b.margin : undefined,
    hi: b.csat !== null && b.margin !== null ? b.csat + b.margin : undefined,
    note: `CSAT ${round(b.csat)} % ± ${round(b.margin)}, n = ${b.n}${flags(b)}${changeNote(b, 'points')}`,
    href: responsesLink(scope, bucketRange(scope, buckets, i)),
    mark: markOf(b),
  }));
}

export function cesPoints(scope: Scope, buckets: (Bucket & { n: number; mean: number | null; shareHigh: number | null })[]): TrendPoint[] {
  return buckets.map((b, i) => ({
    x: fmtDay(b.start),
    y: b.mean,
    note: `CES mean ${round(b.mean, 2)} (1–7), ${round(b.shareHigh)} % ≥ 5, n = ${b.n}${flags(b)}${changeNote(b, 'points in the share ≥ 5')}`,
    href: responsesLink(scope, bucketRange(scope, buckets, i)),
    mark: markOf(b),
  }));
}

export function sentimentPoints(scope: Scope, buckets: (Bucket & { n: number; mean: number | null; shares: { positive: number; neutral: number; negative: number } | null })[]): TrendPoint[] {
  const pct = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 100)} %`);
  return buckets.map((b, i) => ({
    x: fmtDay(b.start),
    y: b.mean,
    note: `Mean ${round(b.mean, 2)}, ${pct(b.shares?.positive)} positive, ${pct(b.shares?.neutral)} neutral, ${pct(b.shares?.negative)} negative, n = ${b.n}${flags(b)}${changeNote(b, 'points in the negative share')}`,
    href: responsesLink(scope, bucketRange(scope, buckets, i)),
    mark: markOf(b),
  }));
}
