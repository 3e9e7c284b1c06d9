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
 * Health of one account at time `asOf` from its responses (any order), each component on 0..1:
 * latest NPS answer: 1 for a promoter, 0.6 for a passive, score / 20 for a detractor (0 … 0.3,
 * so one detractor's answer pulls hard, as it does for a CSM); (latest CSAT − 1) / 4; CPI attainment; sentiment ½ + recent / 2 +
 * trend / 4 (recent = mean of the last 3 analysed comments, trend = recent − mean of the
 * earlier ones, 0 without earlier ones); recency 1 − days since the last response / 90.
 * Score = 100 × weighted mean of the components present, rounded; null for no responses.
 *
 * @example accountHealth([{ createdAt: asOf, nps: 10, csat: 5, sentiment: 1, cpiAnswered: 1, cpiHalves: 2 }], asOf).score // 100
 */
export function accountHealth(responses: readonly HealthInput[], asOf: number): AccountHealth | null {
  if (responses.length === 0) return null;
  const sorted = [...responses].sort((a, b) => a.createdAt - b.createdAt);
  const latest = (pick: (r: HealthInput) => number | null) => {
    for (let i = sorted.length - 1; i >= 0; i--) {
      const v = pick(sorted[i]!);
      if (v !== null) return v;
    }
    return null;
  };
  const latestNps = latest((r) => r.nps);
  const latestCsat = latest((r) => r.csat);
  const answered = sorted.reduce((s, r) => s + r.cpiAnswered, 0);
  const attainment = answered > 0 ? sorted.reduce((s, r) => s + r.cpiHalves, 0) / 2 / answered : null;
  const scores = sorted.flatMap((r) => (r.sentiment === null ? [] : [r.sentiment]));
  const recent = scores.length > 0 ? mean(scores.slice(-RECENT_COMMENTS)) : null;
  const earlier = scores.length > RECENT_COMMENTS ? mean(scores.slice(0, -RECENT_COMMENTS)) : null;
  const trend = recent !== null && earlier !== null ? recent - earlier : null;
  const days = Math.max(0, (asOf - sorted[sorted.length - 1]!.createdAt) / DAY);

  const components: AccountHealth['components'] = {
    nps: { latest: latestNps, value: latestNps === null ? null : npsComponent(latestNps) },
    csat: { latest: latestCsat, value: latestCsat === null ? null : (latestCsat - 1) / 4 },
    cpi: { answered, attainment, value: attainment },
    sentiment: { n: scores.length, recent, trend, value: recent === null ? null : clamp01(0.5 + recent / 2 + (trend ?? 0) / 4) },
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
