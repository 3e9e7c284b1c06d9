// Account health: a 0–100 score from what an account's respondents said, in bands.
// Formula and weights are documented in docs/METRICS.md ("Account health").

/** One response of an account, as the health score reads it. */
export interface HealthInput {
  createdAt: number;
  nps: number | null;
  csat: number | null;
  sentiment: number | null;
  cpiAnswered: number;
  /** CPI answers in halves: yes 2, partly 1, no 0 (as the rollups count them). */
  cpiHalves: number;
}

export type HealthBand = 'green' | 'yellow' | 'red';
export const healthBands = ['green', 'yellow', 'red'] as const;

/** Weights of the components; a missing component is left out and the others rescaled. */
export const HEALTH_WEIGHTS = { nps: 0.35, csat: 0.15, cpi: 0.2, sentiment: 0.15, recency: 0.15 } as const;
/** Green from 70, yellow from 50, red below. */
export const HEALTH_BANDS = { green: 70, yellow: 50 } as const;
/** An account silent this many days scores 0 on recency. */
export const RECENCY_DAYS = 90;
/** The sentiment component compares the mean of the last comments with the earlier ones. */
export const RECENT_COMMENTS = 3;
const DAY = 86_400_000;

export interface AccountHealth {
  score: number;
  band: HealthBand;
  components: {
    nps: { latest: number | null; value: number | null };
    csat: { latest: number | null; value: number | null };
    cpi: { answered: number; attainment: number | null; value: number | null };
    sentiment: { n: number; recent: number | null; trend: number | null; value: number | null };
    recency: { days: number; value: number };
  };
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** A promoter's latest answer counts 1, a passive's 0.6, a detractor's score / 20. */
export const npsComponent = (score: number): number => (score >= 9 ? 1 : score >= 7 ? 0.6 : score / 20);

export const bandOf = (score: number): HealthBand => (score >= HEALTH_BANDS.green ? 'green' : score >= HEALTH_BANDS.yellow ? 'yellow' : 'red');

/**
 * What the health score reads of an account's responses: its latest answers, CPI totals, and
 * sentiment as the mean of its last RECENT_COMMENTS analysed comments and of the earlier ones.
 */
export interface HealthFacts {
  lastAt: number;
  latestNps: number | null;
  latestCsat: number | null;
  cpiAnswered: number;
  cpiHalves: number;
  sentimentN: number;
  recent: number | null;
  earlier: number | null;
}

/** The facts of a list of responses (any order); null for none. */
export function healthFacts(responses: readonly HealthInput[]): HealthFacts | null {
  if (responses.length === 0) return null;
  const sorted = [...responses].sort((a, b) => a.createdAt - b.createdAt);
  const latest = (pick: (r: HealthInput) => number | null) => {
    for (let i = sorted.length - 1; i >= 0; i--) {
      const v = pick(sorted[i]!);
      if (v !== null) return v;
    }
    return null;
  };
  const scores = sorted.flatMap((r) => (r.sentiment === null ? [] : [r.sentiment]));
  return {
    lastAt: sorted[sorted.length - 1]!.createdAt,
    latestNps: latest((r) => r.nps),
    latestCsat: latest((r) => r.csat),
    cpiAnswered: sorted.reduce((s, r) => s + r.cpiAnswered, 0),
    cpiHalves: sorted.reduce((s, r) => s + r.cpiHalves, 0),
    sentimentN: scores.length,
    recent: scores.length > 0 ? mean(scores.slice(-RECENT_COMMENTS)) : null,
    earlier: scores.length > RECENT_COMMENTS ? mean(scores.slice(0, -RECENT_COMMENTS)) : null,
  };
}

/**
 * Health of one account at time `asOf` from its responses (any order), each component on 0..1:
 * latest NPS answer: 1 for a promoter, 0.6 for a passive, score / 20 for a detractor (0 … 0.3,
 * so one detractor's answer pulls hard, as it does for a CSM); (latest CSAT − 1) / 4; CPI
 * attainment; sentiment ½ + recent / 2 + trend / 4 (recent = mean of the last 3 analysed
 * comments, trend = recent − mean of the earlier ones, 0 without earlier ones); recency
 * 1 − days since the last response / 90. Score = 100 × weighted mean of the components
 * present, rounded; null for no responses.
 *
 * @example accountHealth([{ createdAt: asOf, nps: 10, csat: 5, sentiment: 1, cpiAnswered: 1, cpiHalves: 2 }], asOf).score // 100
 */
export function accountHealth(responses: readonly HealthInput[], asOf: number): AccountHealth | null {
  const facts = healthFacts(responses);
  return facts && healthScore(facts, asOf);
}

/** The score of an account's facts (computed in SQL for the accounts API, or by healthFacts). */
export function healthScore(f: HealthFacts, asOf: number): AccountHealth {
  const attainment = f.cpiAnswered > 0 ? f.cpiHalves / 2 / f.cpiAnswered : null;
  const trend = f.recent !== null && f.earlier !== null ? f.recent - f.earlier : null;
  const days = Math.max(0, (asOf - f.lastAt) / DAY);
  const components: AccountHealth['components'] = {
    nps: { latest: f.latestNps, value: f.latestNps === null ? null : npsComponent(f.latestNps) },
    csat: { latest: f.latestCsat, value: f.latestCsat === null ? null : (f.latestCsat - 1) / 4 },
    cpi: { answered: f.cpiAnswered, attainment, value: attainment },
    sentiment: { n: f.sentimentN, recent: f.recent, trend, value: f.recent === null ? null : clamp01(0.5 + f.recent / 2 + (trend ?? 0) / 4) },
    recency: { days, value: clamp01(1 - days / RECENCY_DAYS) },
  };
  let sum = 0;
  let weight = 0;
  for (const [name, w] of Object.entries(HEALTH_WEIGHTS) as [keyof typeof HEALTH_WEIGHTS, number][]) {
    const v = components[name].value;
    if (v === null) continue;
    sum += w * v;
    weight += w;
  }
  const score = Math.round((100 * sum) / weight);
  return { score, band: bandOf(score), components };
}
