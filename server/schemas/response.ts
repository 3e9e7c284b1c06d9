import { z } from 'zod';
import { slugId } from '../contracts/survey-config';
import { idText } from '../contracts/text';
import { attributePattern } from './attribute-pattern';

// The widget's submission is a wire contract: it lives in server/contracts/.
export { attributeValue, responseSubmission, type ResponseSubmission } from '../contracts/response-submission';

export const scoreBands = ['detractor', 'passive', 'promoter'] as const;
export type ScoreBand = (typeof scoreBands)[number];
export const loopStatus = z.enum(['open', 'in_progress', 'closed']);

const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date or date-time, e.g. 2026-01-31')
  .transform((s) => Date.parse(s));

export const responseListQuery = z.strictObject({
  survey: slugId.optional(),
  touchpoint: slugId.optional(),
  status: z.enum(['partial', 'complete']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  minScore: z.coerce.number().int().min(0).max(10).optional(),
  maxScore: z.coerce.number().int().min(0).max(10).optional(),
  respondent: idText(200).optional(),
  /** Close-the-loop state; `open` includes detractors nobody has acted on yet. */
  loopStatus: loopStatus.optional(),
  /** The former name of `loopStatus`, still understood. */
  loop: loopStatus.optional(),
  /** `true`: only responses with a comment; `false`: only those without. */
  hasComment: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** By NPS: `detractor` 0–6, `passive` 7–8, `promoter` 9–10. */
  scoreBand: z.enum(scoreBands).optional(),
  /** The comment's analysed sentiment. */
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  /** Whose follow-up it is: a member's user id (`GET /api/v1/members`), or `none` for unassigned. */
  assignee: idText(200).optional(),
  /** Responses that answered this CPI (its id), e.g. from a cell of the CPI heatmap. */
  cpi: slugId.optional(),
  /** With `cpi`: only that answer (`no` and `partly` are the misses behind a missed target). */
  cpiAnswer: z.enum(['yes', 'partly', 'no']).optional(),
  /** Responses whose comment mentions this theme (its key). */
  theme: z.string().min(1).max(120).optional(),
  /** One respondent attribute, `key:value` (e.g. `plan:pro`), as the metrics API takes it. */
  attribute: z
    .string()
    .max(600)
    .regex(attributePattern, 'key:value, e.g. plan:pro')
    .transform((s) => ({ key: s.slice(0, s.indexOf(':')), value: s.slice(s.indexOf(':') + 1) }))
    .optional(),
  /**
   * Full-text search over comments: every word must appear, stemmed (`refunds` finds
   * `refunded`); `"…"` for a phrase, `word*` for a prefix.
   */
  q: z.string().trim().min(1).max(200).optional(),
  /** `relevance` (the default with `q`) or `date` (newest first, the default without). */
  sort: z.enum(['relevance', 'date']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type ResponseListQuery = z.infer<typeof responseListQuery>;

/** The list filters that the counts (`GET /api/v1/responses/counts`) break down, each under all the others. */
export const facetKeys = ['hasComment', 'scoreBand', 'sentiment', 'loopStatus', 'assignee'] as const;
export const responseCountsQuery = responseListQuery.omit({ limit: true, cursor: true, sort: true });
