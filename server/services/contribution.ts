import type { ResponseAnalysis, ResponseRow } from '../../db/schema';

/** What one response adds to the rollups (its hour and its day); a write applies new − old. */
export type ResponseState = Pick<
  ResponseRow,
  'surveyId' | 'touchpointId' | 'createdAt' | 'status' | 'nps' | 'csat' | 'ces' | 'comment' | 'cpiAnswers' | 'sentimentScore' | 'sentimentLabel'
> & {
  analysis: ResponseAnalysis | null;
  /** The segment values it counts under, one per segment key whose rollups it is in (services/segments.ts). */
  segments?: readonly SegmentValue[];
};
export interface SegmentValue {
  key: string;
  value: string;
}

export const mainFields = [
  'responses', 'completed', 'npsN', 'promoters', 'passives', 'detractors', 'csatN', 'csatSum', 'csatSatisfied',
  'cesN', 'cesSum', 'cesHigh', 'comments', 'sentimentN', 'sentimentSumMilli', 'sentimentPositive', 'sentimentNeutral', 'sentimentNegative',
] as const;
export const cpiFields = ['answered', 'yes', 'partly', 'no', 'yesNpsN', 'yesPromoters', 'yesDetractors', 'noNpsN', 'noPromoters', 'noDetractors'] as const;
export const themeFields = ['mentions', 'npsN', 'promoters', 'detractors', 'sentimentN', 'sentimentSumMilli'] as const;

export type MainField = (typeof mainFields)[number];
export type CpiField = (typeof cpiFields)[number];
export type ThemeField = (typeof themeFields)[number];

interface Key {
  surveyId: string;
  touchpointId: string;
  hour: number;
}
export interface MainDelta extends Key { kind: 'main'; values: Record<MainField, number> }
export interface CpiDelta extends Key { kind: 'cpi'; cpiId: string; values: Record<CpiField, number> }
export interface ThemeDelta extends Key { kind: 'theme'; themeKey: string; values: Record<ThemeField, number> }
export interface SegmentDelta extends Key { kind: 'segment'; segment: SegmentValue; values: Record<MainField, number> }
export interface SegmentCpiDelta extends Key { kind: 'segmentCpi'; segment: SegmentValue; cpiId: string; values: Record<CpiField, number> }
export type RollupDelta = MainDelta | CpiDelta | ThemeDelta | SegmentDelta | SegmentCpiDelta;

export const hourOf = (ms: number): number => Math.floor(ms / 3_600_000);
/** Sentiment enters the rollups in thousandths so that sums stay exact integers. */
export const milli = (score: number): number => Math.round(score * 1000);

const zeros = new Map<readonly string[], Record<string, number>>();
/** A fresh all-zero record of `fields`, copied from a template: this runs several times per response. */
const zero = <F extends string>(fields: readonly F[]): Record<F, number> => {
  let template = zeros.get(fields);
  if (!template) zeros.set(fields, (template = Object.fromEntries(fields.map((f) => [f, 0]))));
  return { ...template } as Record<F, number>;
};

function contribution(r: ResponseState): RollupDelta[] {
  const key: Key = { surveyId: r.surveyId, touchpointId: r.touchpointId, hour: hourOf(r.createdAt) };
  const m = zero(mainFields);
  m.responses = 1;
  m.completed = r.status === 'complete' ? 1 : 0;
  if (r.nps !== null) {
    m.npsN = 1;
    if (r.nps >= 9) m.promoters = 1;
    else if (r.nps >= 7) m.passives = 1;
    else m.detractors = 1;
  }
  if (r.csat !== null) {
    m.csatN = 1;
    m.csatSum = r.csat;
    m.csatSatisfied = r.csat >= 4 ? 1 : 0;
  }
  if (r.ces !== null) {
    m.cesN = 1;
    m.cesSum = r.ces;
    m.cesHigh = r.ces >= 5 ? 1 : 0;
  }
  if (r.comment !== null) m.comments = 1;
  const scored = r.sentimentScore !== null && r.sentimentLabel !== null;
  if (scored) {
    m.sentimentN = 1;
    m.sentimentSumMilli = milli(r.sentimentScore!);
    if (r.sentimentLabel === 'positive') m.sentimentPositive = 1;
    else if (r.sentimentLabel === 'neutral') m.sentimentNeutral = 1;
    else m.sentimentNegative = 1;
  }
  const out: RollupDelta[] = [{ kind: 'main', ...key, values: m }];
  for (const { cpiId, answer } of r.cpiAnswers) {
    const v = zero(cpiFields);
    v.answered = 1;
    v[answer] = 1;
    // The NPS of those who attained the CPI and of those who did not (key drivers).
    if (r.nps !== null && answer !== 'partly') {
      v[`${answer}NpsN`] = 1;
      v[`${answer}Promoters`] = r.nps >= 9 ? 1 : 0;
      v[`${answer}Detractors`] = r.nps <= 6 ? 1 : 0;
    }
    out.push({ kind: 'cpi', ...key, cpiId, values: v });
  }
  for (const theme of r.analysis?.themes ?? []) {
    const v = zero(themeFields);
    v.mentions = 1;
    if (r.nps !== null) {
      v.npsN = 1;
      v.promoters = r.nps >= 9 ? 1 : 0;
      v.detractors = r.nps <= 6 ? 1 : 0;
    }
    if (scored) {
      // The aspect's own sentiment ("slow support, kind staff"), else the comment's.
      v.sentimentN = 1;
      v.sentimentSumMilli = milli(theme.sentiment ?? r.sentimentScore!);
    }
    out.push({ kind: 'theme', ...key, themeKey: theme.key, values: v });
  }
  // The same main and CPI counts once more under each of its segment values.
  const cpis = out.filter((d) => d.kind === 'cpi');
  for (const segment of r.segments ?? []) {
    out.push({ kind: 'segment', ...key, segment, values: m });
    for (const d of cpis) out.push({ kind: 'segmentCpi', ...key, segment, cpiId: d.cpiId, values: d.values });
  }
  return out;
}

const deltaKey = (d: RollupDelta): string =>
  [
    d.kind, d.surveyId, d.touchpointId, d.hour,
    d.kind === 'cpi' || d.kind === 'segmentCpi' ? d.cpiId : d.kind === 'theme' ? d.themeKey : '',
    ...(d.kind === 'segment' || d.kind === 'segmentCpi' ? [d.segment.key, d.segment.value] : []),
  ].join('\u0000');

/**
 * The rollup changes that turn `before` into `after` (either may be null for create and
 * delete). Rows whose every change is zero are dropped, so a replay writes nothing.
 */
export function rollupDeltas(before: ResponseState | null, after: ResponseState | null): RollupDelta[] {
  const merged = new Map<string, RollupDelta>();
  // Plain loops rather than Object.entries/fromEntries: this is on every response's path.
  const add = (deltas: RollupDelta[], sign: 1 | -1) => {
    for (const d of deltas) {
      const k = deltaKey(d);
      const existing = merged.get(k);
      const from = d.values as Record<string, number>;
      if (!existing) {
        const values: Record<string, number> = {};
        for (const f in from) values[f] = sign * from[f]! || 0;
        merged.set(k, { ...d, values } as RollupDelta);
      } else {
        const values = existing.values as Record<string, number>;
        for (const f in from) values[f] = (values[f] ?? 0) + sign * from[f]!;
      }
    }
  };
  if (before) add(contribution(before), -1);
  if (after) add(contribution(after), 1);
  const nonZero = (values: Record<string, number>) => {
    for (const f in values) if (values[f] !== 0) return true;
    return false;
  };
  return [...merged.values()].filter((d) => nonZero(d.values as Record<string, number>));
}
