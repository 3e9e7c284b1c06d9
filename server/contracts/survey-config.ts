import { z } from 'zod';
import { freeText } from './text';

/** Ids chosen by users or clients: short, URL-safe, so they can travel in paths and storage keys. */
export const slugId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "_" and "-" only');

const label = z.string().trim().min(1).max(500);

/**
 * A test on one answer: a score from `min` to `max` (inclusive; either end may be open), or a
 * choice / CPI answer among `anyOf` (a multiple choice passes when any picked option is listed).
 * An unanswered question passes no test.
 */
const answerTest = {
  min: z.number().int().min(0).max(10).optional(),
  max: z.number().int().min(0).max(10).optional(),
  anyOf: z.array(slugId).min(1).max(50).optional(),
};

/** Shows a question (or an end screen) only when an earlier question's answer passes the test. */
export const condition = z.object({ question: slugId, ...answerTest });
export type Condition = z.infer<typeof condition>;

/** Where the survey goes next when this question's answer passes the test: a later question's id or `$end`. */
export const skipRule = z.object({ ...answerTest, to: z.union([slugId, z.literal('$end')]) });
export type SkipRule = z.infer<typeof skipRule>;

/**
 * Band wording: the question's text when the condition holds (the first that does), e.g.
 * "What did you love?" for NPS 9–10. One question under one id keeps every band's answer in
 * one place: the response's comment, one export column, one translation key.
 */
export const prompt = z.object({ id: slugId, showIf: condition, text: label });
export type Prompt = z.infer<typeof prompt>;

const questionBase = {
  id: slugId,
  text: label,
  required: z.boolean().default(false),
  /** Unset: always shown (unless a skip rule jumps past it). */
  showIf: condition.optional(),
  /** Checked in order after the question is answered; the first that passes decides the next step. */
  skip: z.array(skipRule).max(20).optional(),
  prompts: z.array(prompt).max(10).optional(),
};

const scaleLabels = {
  lowLabel: z.string().max(100).optional(),
  highLabel: z.string().max(100).optional(),
};

export const choiceOption = z.object({ id: slugId, label: z.string().trim().min(1).max(200) });

export const question = z.discriminatedUnion('kind', [
  z.object({ ...questionBase, kind: z.literal('nps'), ...scaleLabels }),
  z.object({ ...questionBase, kind: z.literal('csat'), ...scaleLabels }),
  z.object({ ...questionBase, kind: z.literal('ces'), ...scaleLabels }),
  z.object({ ...questionBase, kind: z.literal('cpi'), cpiId: slugId }),
  z.object({
    ...questionBase,
    kind: z.literal('text'),
    placeholder: z.string().max(200).optional(),
    maxLength: z.number().int().min(1).max(5000).default(2000),
  }),
  z.object({
    ...questionBase,
    kind: z.literal('choice'),
    multiple: z.boolean().default(false),
    options: z.array(choiceOption).min(1).max(50),
  }),
]);
export type Question = z.infer<typeof question>;
export type QuestionKind = Question['kind'];

export const urlRule = z.object({
  match: z.enum(['exact', 'contains', 'startsWith', 'regex']),
  value: z.string().min(1).max(500),
  /** An exclude rule hides the survey on matching pages whatever the include rules say. */
  exclude: z.boolean().default(false),
});
export type UrlRule = z.infer<typeof urlRule>;

export const targeting = z.object({
  /** Empty means every page. */
  urls: z.array(urlRule).max(50).default([]),
  /** Empty means no event is needed; otherwise the survey waits for one of these `track` events. */
  events: z.array(z.string().min(1).max(100)).max(50).default([]),
  delaySeconds: z.number().int().min(0).max(3600).default(0),
  /** Share of respondents who may see it, fixed per respondent. */
  samplingPercent: z.number().min(0).max(100).default(100),
});
export type Targeting = z.infer<typeof targeting>;

export const throttling = z.object({
  /** Times the survey may be shown to one respondent, answered or not. */
  displayLimit: z.number().int().min(1).max(100).default(1),
  /** Days to wait before showing this survey again after it was shown; null uses the workspace's recontact period. */
  recontactDays: z.number().int().min(0).max(3650).nullable().default(null),
  /** Email surveys: days one contact must wait after any email survey before this one; unset or null uses the workspace's contact budget. */
  contactBudgetDays: z.number().int().min(0).max(3650).nullable().optional(),
  /** Email surveys: one reminder this many days after the first email if still unanswered (fractions allowed); unset or null sends none. */
  reminderDays: z.number().min(0).max(60).nullable().optional(),
});
export type Throttling = z.infer<typeof throttling>;

const cssColor = z
  .string()
  .max(40)
  .regex(/^(#[0-9a-fA-F]{3,8}|[a-z]+|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\))$/, 'a CSS colour');

export const appearance = z.object({
  position: z.enum(['bottom-right', 'bottom-left', 'center']).default('bottom-right'),
  accentColor: cssColor.default('#4f46e5'),
  backgroundColor: cssColor.default('#ffffff'),
  textColor: cssColor.default('#111827'),
  borderRadius: z.number().int().min(0).max(32).default(12),
});
export type Appearance = z.infer<typeof appearance>;

/**
 * A thank-you screen shown once the survey is done: the first whose condition holds, else
 * the built-in thank-you note. `linkUrl` adds a button, e.g. to a review site for promoters.
 */
export const ending = z.object({
  id: slugId,
  showIf: condition.optional(),
  text: label,
  linkUrl: z
    .string()
    .max(500)
    .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL')
    .optional(),
  linkLabel: z.string().trim().min(1).max(100).optional(),
});
export type Ending = z.infer<typeof ending>;

/** Per-locale overrides of every user-visible string, keyed by question id and option id (end screens by ending id). */
export const translation = z.object({
  questions: z
    .record(
      slugId,
      z.object({
        text: z.string().max(500).optional(),
        lowLabel: z.string().max(100).optional(),
        highLabel: z.string().max(100).optional(),
        placeholder: z.string().max(200).optional(),
        options: z.record(slugId, z.string().max(200)).optional(),
        /** Band wordings by prompt id. */
        prompts: z.record(slugId, z.string().max(500)).optional(),
      }),
    )
    .default({}),
  endings: z.record(slugId, z.object({ text: z.string().max(500).optional(), linkLabel: z.string().max(100).optional() })).optional(),
  strings: z.record(z.string().max(50), z.string().max(300)).default({}),
});
export const translations = z.record(z.string().min(2).max(35), translation);
export type Translations = z.infer<typeof translations>;

/** A respondent-attribute key; restricted to URL-safe characters because it becomes a JSON path in SQL. */
export const attributeKey = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'an attribute key of letters, digits, "_" or "-"');

export const workspaceSettings = z.object({
  /** Workspace-wide: days after a respondent saw any survey before they may see another. */
  recontactDays: z.number().int().min(0).max(3650).default(14),
  /** Responses one client (IP) may post per minute to this workspace; a respondent sends a few per survey. */
  clientRateLimit: z.number().int().min(1).max(1_000_000).default(60),
  /** Responses the whole workspace may receive per minute. */
  workspaceRateLimit: z.number().int().min(1).max(10_000_000).default(30_000),
  /** The response attribute naming the customer account a respondent belongs to (account health). */
  accountAttribute: attributeKey.default('accountId'),
  /** The response attribute holding the account's revenue (a number), e.g. ARR. */
  revenueAttribute: attributeKey.default('arr'),
  /** Email surveys: at most one per contact in this many days, across touchpoints, surveys and channels. */
  contactBudgetDays: z.number().int().min(0).max(3650).default(30),
  /** The survey the Delighted-compatible `POST /people` emails when the request names none. */
  emailSurveyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).nullable().default(null),
  /**
   * Attributes (and the built-in `deviceClass`, `locale`) kept in segment rollups, so that
   * filters and breakdowns on them read rollups; adding one backfills it, removing drops it.
   */
  segmentKeys: z
    .array(attributeKey)
    .max(8, 'at most 8 segment keys')
    .refine((keys) => new Set(keys).size === keys.length, 'each segment key once')
    .default([]),
});
export type WorkspaceSettings = z.input<typeof workspaceSettings>;

// Defaults stripped: a PATCH that names one setting must leave the others as stored
// (`workspaceSettings.partial()` would fill every omitted one with its default).
const sh = workspaceSettings.shape;
/** The settings a workspace PATCH may change, each optional and without defaults. */
export const workspaceSettingsPatch = z.strictObject({
  recontactDays: sh.recontactDays.unwrap().optional(),
  clientRateLimit: sh.clientRateLimit.unwrap().optional(),
  workspaceRateLimit: sh.workspaceRateLimit.unwrap().optional(),
  accountAttribute: sh.accountAttribute.unwrap().optional(),
  revenueAttribute: sh.revenueAttribute.unwrap().optional(),
  contactBudgetDays: sh.contactBudgetDays.unwrap().optional(),
  emailSurveyId: sh.emailSurveyId.unwrap().optional(),
  segmentKeys: sh.segmentKeys.unwrap().optional(),
});

export const cpiAnswer = z.enum(['yes', 'partly', 'no']);
export type CpiAnswer = z.infer<typeof cpiAnswer>;

/** A respondent's answers keyed by question id; each value is checked against its question. */
// Text answers lose control characters here, before their length is checked against the question.
export const answers = z.record(slugId, z.union([z.number(), freeText(10_000), z.array(slugId).max(50)]));
export type Answers = z.infer<typeof answers>;
