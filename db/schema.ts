import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type SQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import type {
  Ending,
  Answers,
  Appearance,
  Question,
  Targeting,
  Throttling,
  Translations,
  WorkspaceSettings,
} from '../server/contracts/survey-config';
import type { ThemeMatch, ThemeModel } from '../server/contracts/analysis';

/** Milliseconds since the epoch; every timestamp in Chorus is stored this way. */
const timestamp = (name: string) => integer(name, { mode: 'number' });
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  publicKey: text('public_key').notNull().unique(),
  /** Origin patterns the widget may post from, e.g. `https://*.example.com`, `http://localhost:*`. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  timezone: text('timezone').notNull().default('UTC'),
  settings: text('settings', { mode: 'json' }).$type<WorkspaceSettings>().notNull().default(sql`'{}'`),
  createdAt: timestamp('created_at').notNull().default(now),
});
export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = typeof workspaces.$inferInsert;

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  passwordHash: text('password_hash'),
  createdAt: timestamp('created_at').notNull().default(now),
});
export type User = typeof users.$inferSelect;

export const memberships = sqliteTable(
  'memberships',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    /** Receives the weekly digest by email; null means the default for the role (owners only). */
    digest: integer('digest', { mode: 'boolean' }),
    createdAt: timestamp('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);
export type Membership = typeof memberships.$inferSelect;

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first characters of the key, shown in listings so a user can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key: keys are long random secrets, so a fast hash is enough. */
    hash: text('hash').notNull(),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull().default('owner'),
    createdAt: timestamp('created_at').notNull().default(now),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.hash)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

export const touchpoints = sqliteTable(
  'touchpoints',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Order in the journey, ascending. */
    position: integer('position').notNull(),
    createdAt: timestamp('created_at').notNull().default(now),
    updatedAt: timestamp('updated_at').notNull().default(now),
  },
  (t) => [index('touchpoints_ws_idx').on(t.workspaceId, t.position)],
);
export type Touchpoint = typeof touchpoints.$inferSelect;

export const cpis = sqliteTable(
  'cpis',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: timestamp('created_at').notNull().default(now),
    updatedAt: timestamp('updated_at').notNull().default(now),
  },
  (t) => [index('cpis_ws_idx').on(t.workspaceId)],
);
export type Cpi = typeof cpis.$inferSelect;

/** The target attainment (0..1) of one CPI at one touchpoint. */
export const cpiTargets = sqliteTable(
  'cpi_targets',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    cpiId: text('cpi_id').notNull().references(() => cpis.id, { onDelete: 'cascade' }),
    touchpointId: text('touchpoint_id').notNull().references(() => touchpoints.id, { onDelete: 'cascade' }),
    target: real('target').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cpiId, t.touchpointId] })],
);
export type CpiTarget = typeof cpiTargets.$inferSelect;

export const surveyStatuses = ['draft', 'active', 'paused', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    touchpointId: text('touchpoint_id').notNull().references(() => touchpoints.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    status: text('status', { enum: surveyStatuses }).notNull().default('draft'),
    /** Higher shows first when several surveys are eligible at once (the contact budget). */
    priority: integer('priority').notNull().default(0),
    defaultLocale: text('default_locale').notNull().default('en'),
    questions: text('questions', { mode: 'json' }).$type<Question[]>().notNull(),
    targeting: text('targeting', { mode: 'json' }).$type<Targeting>().notNull(),
    throttling: text('throttling', { mode: 'json' }).$type<Throttling>().notNull(),
    appearance: text('appearance', { mode: 'json' }).$type<Appearance>().notNull(),
    translations: text('translations', { mode: 'json' }).$type<Translations>().notNull(),
    /** End screens by condition (survey logic); empty shows the built-in thank-you note. */
    endings: text('endings', { mode: 'json' }).$type<Ending[]>().notNull().default(sql`'[]'`),
    createdAt: timestamp('created_at').notNull().default(now),
    updatedAt: timestamp('updated_at').notNull().default(now),
  },
  (t) => [index('surveys_ws_status_idx').on(t.workspaceId, t.status)],
);
export type Survey = typeof surveys.$inferSelect;
export type NewSurvey = typeof surveys.$inferInsert;

export const responseStatuses = ['partial', 'complete'] as const;
export const loopResolutions = ['resolved', 'refund_or_credit', 'explained', 'feature_request', 'unreachable', 'not_actionable', 'other'] as const;
export type LoopResolution = (typeof loopResolutions)[number];
export const loopEventKinds = ['assigned', 'status', 'note', 'reply'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

export const responses = sqliteTable(
  'responses',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Generated by the client, so that retries and completions land on the same row. */
    id: text('id').notNull(),
    surveyId: text('survey_id').notNull(),
    touchpointId: text('touchpoint_id').notNull(),
    status: text('status', { enum: responseStatuses }).notNull(),
    answers: text('answers', { mode: 'json' }).$type<Answers>().notNull(),
    // Denormalised from `answers` so that filters and rollups never parse JSON.
    nps: integer('nps'),
    csat: integer('csat'),
    ces: integer('ces'),
    comment: text('comment'),
    /** CPI answers as scored when written, so later survey edits cannot change history. */
    cpiAnswers: text('cpi_answers', { mode: 'json' }).$type<{ cpiId: string; answer: 'yes' | 'partly' | 'no' }[]>().notNull().default(sql`'[]'`),
    respondentId: text('respondent_id'),
    anonymousId: text('anonymous_id'),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, string | number | boolean>>().notNull().default(sql`'{}'`),
    pageUrl: text('page_url'),
    locale: text('locale'),
    deviceClass: text('device_class', { enum: ['desktop', 'mobile', 'tablet'] }),
    /** Filled by text analytics after the response is acknowledged. */
    sentimentScore: real('sentiment_score'),
    sentimentLabel: text('sentiment_label', { enum: ['negative', 'neutral', 'positive'] }),
    analysis: text('analysis', { mode: 'json' }).$type<ResponseAnalysis>(),
    analyzedAt: timestamp('analyzed_at'),
    /** Close-the-loop follow-up of a (usually detractor) response; null until someone acts on it. */
    loopStatus: text('loop_status', { enum: ['open', 'in_progress', 'closed'] }),
    loopAssignee: text('loop_assignee'),
    loopUpdatedAt: timestamp('loop_updated_at'),
    /** Why the loop was closed (one of `loopResolutions`); `other` comes with a note. */
    loopResolution: text('loop_resolution', { enum: loopResolutions }),
    loopResolutionNote: text('loop_resolution_note'),
    /** Optimistic-concurrency counter: every write is conditional on the version it read. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    completedAt: timestamp('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('responses_ws_created_idx').on(t.workspaceId, t.createdAt),
    index('responses_ws_survey_created_idx').on(t.workspaceId, t.surveyId, t.createdAt),
    index('responses_ws_touchpoint_created_idx').on(t.workspaceId, t.touchpointId, t.createdAt),
    index('responses_ws_respondent_idx').on(t.workspaceId, t.respondentId),
    index('responses_unanalyzed_idx').on(t.analyzedAt).where(sql`analyzed_at is null and comment is not null`),
    /** Detractors by time with their loop state (covering): the digest's loop status reads only these. */
    index('responses_detractors_idx').on(t.workspaceId, t.createdAt, t.nps, t.loopStatus, t.loopUpdatedAt).where(sql`nps <= 6`),
    // The inbox's rare filters (a closed loop, one assignee) read these instead of scanning by date.
    index('responses_ws_loop_idx').on(t.workspaceId, t.loopStatus, t.createdAt).where(sql`loop_status is not null`),
    index('responses_ws_assignee_idx').on(t.workspaceId, t.loopAssignee, t.createdAt).where(sql`loop_assignee is not null`),
  ],
);
export type ResponseRow = typeof responses.$inferSelect;
export type NewResponseRow = typeof responses.$inferInsert;

export interface ResponseAnalysis {
  sentiment: { score: number; label: 'negative' | 'neutral' | 'positive'; explanation: { term: string; weight: number }[] };
  /** Each with its aspect sentiment and who put it there (keywords, a learned classifier, a person). */
  themes: ThemeMatch[];
  /** Themes a person removed from this comment: re-analysis never puts them back. */
  removedThemes?: string[];
}

// Rollups come in two grains with the same value columns. The UTC hour lets day, week and
// month buckets be formed in any whole-hour time zone; the UTC day lets a bucket read each
// whole UTC day it spans as one row and only its edges from the hours (queries/metrics-source.ts).
const rollupScope = () => ({
  workspaceId: text('workspace_id').notNull(),
  surveyId: text('survey_id').notNull(),
  touchpointId: text('touchpoint_id').notNull(),
});
const counter = (name: string) => integer(name).notNull().default(0);
const mainValues = () => ({
  responses: counter('responses'),
  completed: counter('completed'),
  npsN: counter('nps_n'),
  promoters: counter('promoters'),
  passives: counter('passives'),
  detractors: counter('detractors'),
  csatN: counter('csat_n'),
  csatSum: counter('csat_sum'),
  csatSatisfied: counter('csat_satisfied'),
  cesN: counter('ces_n'),
  cesSum: counter('ces_sum'),
  cesHigh: counter('ces_high'),
  comments: counter('comments'),
  sentimentN: counter('sentiment_n'),
  /** Sum of sentiment scores in thousandths, an integer so that add-then-subtract is exact. */
  sentimentSumMilli: counter('sentiment_sum_milli'),
  sentimentPositive: counter('sentiment_positive'),
  sentimentNeutral: counter('sentiment_neutral'),
  sentimentNegative: counter('sentiment_negative'),
});
/**
 * CPI answers: `partly` counts half, so attainment is kept in halves. With the NPS split of
 * the `yes` and `no` answers, for key drivers (NPS of those who attained a CPI − of those who did not).
 */
const cpiValues = () => ({
  answered: counter('answered'),
  yes: counter('yes'),
  partly: counter('partly'),
  no: counter('no'),
  yesNpsN: counter('yes_nps_n'),
  yesPromoters: counter('yes_promoters'),
  yesDetractors: counter('yes_detractors'),
  noNpsN: counter('no_nps_n'),
  noPromoters: counter('no_promoters'),
  noDetractors: counter('no_detractors'),
});
/** Theme mentions with the NPS split of the responses that mention the theme. */
const themeValues = () => ({
  mentions: counter('mentions'),
  npsN: counter('nps_n'),
  promoters: counter('promoters'),
  detractors: counter('detractors'),
  sentimentN: counter('sentiment_n'),
  sentimentSumMilli: counter('sentiment_sum_milli'),
});
type MainColumns = ReturnType<typeof mainValues>;
type Built<T> = { [K in keyof T]: SQLiteColumn };
/** The value columns of a main rollup table in covering-index order. */
const mainIndexColumns = (t: Built<MainColumns>) => [
  t.responses, t.completed, t.npsN, t.promoters, t.passives, t.detractors, t.csatN, t.csatSum, t.csatSatisfied,
  t.cesN, t.cesSum, t.cesHigh, t.comments, t.sentimentN, t.sentimentSumMilli, t.sentimentPositive, t.sentimentNeutral, t.sentimentNegative,
] as const;

/**
 * Per-hour aggregates of responses, kept exact at ingestion. Dashboards read these, so
 * their cost grows with the number of buckets, not responses.
 */
export const rollups = sqliteTable(
  'rollups',
  {
    ...rollupScope(),
    /** Hours since the epoch (UTC). */
    hour: integer('hour').notNull(),
    ...mainValues(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.hour] }),
    index('rollups_ws_hour_idx').on(t.workspaceId, t.hour),
    // Covering index for the metrics API: a bucket is one sequential range of this index,
    // with no lookup into the table per hour row (3–4× faster on a year of hours).
    index('rollups_metrics_idx').on(t.workspaceId, t.hour, t.touchpointId, t.surveyId, ...mainIndexColumns(t)),
  ],
);
export type Rollup = typeof rollups.$inferSelect;

/** The same aggregates per UTC day, written in the same batch as the hourly row. */
export const dailyRollups = sqliteTable(
  'daily_rollups',
  {
    ...rollupScope(),
    /** Days since the epoch (UTC): floor(hour / 24). */
    day: integer('day').notNull(),
    ...mainValues(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.day] }),
    index('daily_rollups_metrics_idx').on(t.workspaceId, t.day, t.touchpointId, t.surveyId, ...mainIndexColumns(t)),
  ],
);

/** Per-hour CPI answers. */
export const cpiRollups = sqliteTable(
  'cpi_rollups',
  {
    ...rollupScope(),
    cpiId: text('cpi_id').notNull(),
    hour: integer('hour').notNull(),
    ...cpiValues(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.cpiId, t.hour] }),
    index('cpi_rollups_ws_hour_idx').on(t.workspaceId, t.hour),
    /** Covering index for the metrics API (see rollups_metrics_idx). */
    index('cpi_rollups_metrics_idx').on(t.workspaceId, t.hour, t.touchpointId, t.cpiId, t.surveyId, t.answered, t.yes, t.partly, t.no),
  ],
);
export type CpiRollup = typeof cpiRollups.$inferSelect;

export const dailyCpiRollups = sqliteTable(
  'daily_cpi_rollups',
  {
    ...rollupScope(),
    cpiId: text('cpi_id').notNull(),
    day: integer('day').notNull(),
    ...cpiValues(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.cpiId, t.day] }),
    index('daily_cpi_rollups_metrics_idx').on(t.workspaceId, t.day, t.touchpointId, t.cpiId, t.surveyId, t.answered, t.yes, t.partly, t.no),
  ],
);

/** Per-hour theme mentions. */
export const themeRollups = sqliteTable(
  'theme_rollups',
  {
    ...rollupScope(),
    themeKey: text('theme_key').notNull(),
    hour: integer('hour').notNull(),
    ...themeValues(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.themeKey, t.hour] }),
    index('theme_rollups_ws_hour_idx').on(t.workspaceId, t.hour),
    /** Covering index for the metrics API (see rollups_metrics_idx). */
    index('theme_rollups_metrics_idx').on(t.workspaceId, t.hour, t.themeKey, t.touchpointId, t.surveyId, t.mentions, t.npsN, t.promoters, t.detractors, t.sentimentN, t.sentimentSumMilli),
  ],
);
export type ThemeRollup = typeof themeRollups.$inferSelect;

export const dailyThemeRollups = sqliteTable(
  'daily_theme_rollups',
  {
    ...rollupScope(),
    themeKey: text('theme_key').notNull(),
    day: integer('day').notNull(),
    ...themeValues(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.themeKey, t.day] }),
    index('daily_theme_rollups_metrics_idx').on(t.workspaceId, t.day, t.themeKey, t.touchpointId, t.surveyId, t.mentions, t.npsN, t.promoters, t.detractors, t.sentimentN, t.sentimentSumMilli),
  ],
);

// Segment rollups: the main and CPI aggregates once more per value of each segment key
// (workspace setting `segmentKeys`), so a filter or breakdown on a segment reads rollups.
const segmentScope = () => ({
  ...rollupScope(),
  segmentKey: text('segment_key').notNull(),
  /** The value as text; `(none)` when the response has none, `(other)` past the key's kept values. */
  segmentValue: text('segment_value').notNull(),
});
type SegmentBuilt = Built<ReturnType<typeof segmentScope>>;
const segmentLead = (t: SegmentBuilt) => [t.workspaceId, t.segmentKey, t.segmentValue] as const;

/** Per-hour main aggregates per segment value. */
export const segmentRollups = sqliteTable(
  'segment_rollups',
  { ...segmentScope(), hour: integer('hour').notNull(), ...mainValues() },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.segmentKey, t.segmentValue, t.hour] }),
    /** Covering index for a segment filter (see rollups_metrics_idx). */
    index('segment_rollups_metrics_idx').on(...segmentLead(t), t.hour, t.touchpointId, t.surveyId, ...mainIndexColumns(t)),
  ],
);
export const dailySegmentRollups = sqliteTable(
  'daily_segment_rollups',
  { ...segmentScope(), day: integer('day').notNull(), ...mainValues() },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.segmentKey, t.segmentValue, t.day] }),
    index('daily_segment_rollups_metrics_idx').on(...segmentLead(t), t.day, t.touchpointId, t.surveyId, ...mainIndexColumns(t)),
  ],
);
/** Per-hour CPI answers per segment value. */
export const segmentCpiRollups = sqliteTable(
  'segment_cpi_rollups',
  { ...segmentScope(), cpiId: text('cpi_id').notNull(), hour: integer('hour').notNull(), ...cpiValues() },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.segmentKey, t.segmentValue, t.cpiId, t.hour] }),
    index('segment_cpi_rollups_metrics_idx').on(...segmentLead(t), t.hour, t.touchpointId, t.cpiId, t.surveyId, t.answered, t.yes, t.partly, t.no),
  ],
);
export const dailySegmentCpiRollups = sqliteTable(
  'daily_segment_cpi_rollups',
  { ...segmentScope(), cpiId: text('cpi_id').notNull(), day: integer('day').notNull(), ...cpiValues() },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.surveyId, t.touchpointId, t.segmentKey, t.segmentValue, t.cpiId, t.day] }),
    index('daily_segment_cpi_rollups_metrics_idx').on(...segmentLead(t), t.day, t.touchpointId, t.cpiId, t.surveyId, t.answered, t.yes, t.partly, t.no),
  ],
);

/**
 * One segment key of a workspace and the backfill of its rollups (services/segments.ts).
 * Ingestion adds a response to a key's rollups once the backfill has passed it (`cursor`),
 * and every write is guarded by the keys' versions, so backfill and live writes never
 * count a response twice or miss it.
 */
export const segmentKeys = sqliteTable(
  'segment_keys',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** The values counted as themselves (the most frequent when the key was added, then new ones while there is room); null until the backfill starts. */
    values: text('values', { mode: 'json' }).$type<string[]>(),
    status: text('status', { enum: ['backfilling', 'ready'] }).notNull(),
    /** The last response backfilled, in (created_at, id) order; null before the first chunk. */
    cursorAt: integer('cursor_at'),
    cursorId: text('cursor_id'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    /** Changes with every change of the row; ingestion's batches are guarded by it. */
    version: integer('version').notNull(),
    leaseUntil: timestamp('lease_until'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);
export type SegmentKey = typeof segmentKeys.$inferSelect;

/** The workspace's theme taxonomy: discovered themes plus the CX team's curation. */
export const themes = sqliteTable(
  'themes',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
    pinnedKeywords: text('pinned_keywords', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    mergedInto: text('merged_into'),
    source: text('source', { enum: ['discovered', 'curated'] }).notNull().default('discovered'),
    /** The codeframe's first level ("Support"): discovered, or set by the team. */
    category: text('category'),
    /** True once the team moved the theme to a category: discovery leaves it alone then. */
    categoryCurated: integer('category_curated', { mode: 'boolean' }).notNull().default(false),
    /** Up to 3 representative comments, from discovery. */
    verbatims: text('verbatims', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    updatedAt: timestamp('updated_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);
export type Theme = typeof themes.$inferSelect;

/**
 * Themes people added to or removed from a comment: the latest decision per response and
 * theme. They are the confirmed examples the workspace's theme model learns from.
 */
export const themeTags = sqliteTable(
  'theme_tags',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    responseId: text('response_id').notNull(),
    themeKey: text('theme_key').notNull(),
    action: text('action', { enum: ['added', 'removed'] }).notNull(),
    /** Who decided: `user:<id>` or `key:<id>`. */
    principal: text('principal').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.responseId, t.themeKey] }), index('theme_tags_ws_theme_idx').on(t.workspaceId, t.themeKey, t.action)],
);
export type ThemeTag = typeof themeTags.$inferSelect;

/** The workspace's learned theme classifiers (ThemeModel, server/contracts/analysis.ts), retrained when tags change. */
export const themeModels = sqliteTable('theme_models', {
  workspaceId: text('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  model: text('model', { mode: 'json' }).$type<ThemeModel>().notNull(),
  examples: integer('examples').notNull(),
  trainedAt: timestamp('trained_at').notNull(),
});

/**
 * A re-analysis of a workspace's comments (after the taxonomy changed), processed in chunks
 * so it can run within Workers' time limits; `leaseUntil` keeps two runners off one run.
 */
export const analysisRuns = sqliteTable(
  'analysis_runs',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    /** The last response processed, as `createdAt:id`; the run resumes after it. */
    cursor: text('cursor'),
    leaseUntil: timestamp('lease_until'),
    error: text('error'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('analysis_runs_ws_idx').on(t.workspaceId, t.createdAt)],
);
export type AnalysisRun = typeof analysisRuns.$inferSelect;

/** Admin-app sessions. Only a hash of the session id is stored, as for API keys. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Sent back in `X-CSRF-Token` on every state-changing request made with this session. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;

/** An invitation link into a workspace with a role; only the token's hash is stored. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    acceptedAt: timestamp('accepted_at'),
  },
  (t) => [index('invitations_ws_idx').on(t.workspaceId)],
);
export type Invitation = typeof invitations.$inferSelect;

/**
 * Fixed-window request counters, kept in the database so limits hold across processes and
 * Worker isolates. `key` names the limit and the client (e.g. `ingest:pk_demo:<ip hash>`).
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});


/**
 * The close-the-loop activity log: who assigned, changed the status (with the resolution
 * when closing), noted or replied, and when. Written with the change it records.
 */
export const loopEvents = sqliteTable(
  'loop_events',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    responseId: text('response_id').notNull(),
    kind: text('kind', { enum: loopEventKinds }).notNull(),
    /** The user's email, or `API key <id>`. */
    actor: text('actor').notNull(),
    /** `status`: the new status; `assigned`: the assignee's user id (null: unassigned). */
    status: text('status', { enum: ['open', 'in_progress', 'closed'] }),
    assignee: text('assignee'),
    resolution: text('resolution', { enum: loopResolutions }),
    /** The resolution note, the note's text, or the reply's text. */
    text: text('text'),
    /** `reply`: the address it was sent to and its subject. */
    to: text('to'),
    subject: text('subject'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('loop_events_response_idx').on(t.workspaceId, t.responseId, t.createdAt)],
);
export type LoopEvent = typeof loopEvents.$inferSelect;

/** Notes the CX team writes while closing the loop with a respondent. */
export const responseNotes = sqliteTable(
  'response_notes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    responseId: text('response_id').notNull(),
    author: text('author').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('response_notes_response_idx').on(t.workspaceId, t.responseId, t.createdAt)],
);
export type ResponseNote = typeof responseNotes.$inferSelect;

export const webhookEvents = ['response.created', 'response.completed', 'response.detractor', 'alert.triggered', 'digest.weekly'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** An endpoint the workspace's events are posted to, signed with its secret. */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
    /** Kept as is: signing needs the secret itself, unlike keys that are only compared. */
    secret: text('secret').notNull(),
    /** The secret before the last rotation: deliveries are signed with it too until it expires (24 h). */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at'),
    format: text('format', { enum: ['json', 'slack'] }).notNull().default('json'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('webhooks_ws_idx').on(t.workspaceId)],
);
export type Webhook = typeof webhooks.$inferSelect;
export type NewWebhook = typeof webhooks.$inferInsert;

/** One event for one webhook: its attempts, outcome and next retry. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    webhookId: text('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** Where it goes: the webhook's URL when the event happened (null on rows from before it was recorded). */
    url: text('url'),
    /** The exact body sent, so every retry carries the same bytes and signature input. */
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    leaseUntil: timestamp('lease_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at').notNull(),
    deliveredAt: timestamp('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_hook_idx').on(t.workspaceId, t.webhookId, t.createdAt),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// Alerts: rules per touchpoint, and the alerts they raised.

export const alertKinds = ['detractor', 'nps_drop', 'cpi_drop', 'theme_spike', 'anomaly', 'renewal_detractor'] as const;
export type AlertKind = (typeof alertKinds)[number];

/**
 * A rule that raises an alert at one touchpoint: on every detractor, or when the last
 * complete week (in the workspace's time zone) shows a significant drop in NPS or CPI
 * attainment, or a significant rise in a theme's share, against the week before.
 */
export const alertRules = sqliteTable(
  'alert_rules',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    kind: text('kind', { enum: alertKinds }).notNull(),
    touchpointId: text('touchpoint_id').notNull().references(() => touchpoints.id, { onDelete: 'cascade' }),
    /** `cpi_drop` only: the CPI watched; null watches every CPI answered at the touchpoint. */
    cpiId: text('cpi_id').references(() => cpis.id, { onDelete: 'cascade' }),
    /** `theme_spike` only: the theme watched; null watches every theme. */
    themeKey: text('theme_key'),
    /** `anomaly` only: how unusual a day must be to alert (server/metrics/anomaly.ts). */
    sensitivity: text('sensitivity', { enum: ['low', 'medium', 'high'] }),
    /** `renewal_detractor` only: alert when the account renews within this many days. */
    windowDays: integer('window_days'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** When the periodic evaluator next looks at a week-over-week rule; null for detractor rules. */
    nextCheckAt: timestamp('next_check_at'),
    lastCheckedAt: timestamp('last_checked_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('alert_rules_ws_idx').on(t.workspaceId, t.touchpointId, t.kind),
    index('alert_rules_due_idx').on(t.active, t.nextCheckAt),
  ],
);
export type AlertRule = typeof alertRules.$inferSelect;

/** One alert raised by a rule. What it says is kept as raised, even if the rule changes or goes. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').references(() => alertRules.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: alertKinds }).notNull(),
    touchpointId: text('touchpoint_id').notNull(),
    /**
     * What fired, e.g. `response:<id>` or `week:2026-03-02:cpi:<id>`. Unique per rule, so
     * two evaluators racing on the same condition insert one alert between them.
     */
    conditionKey: text('condition_key').notNull(),
    message: text('message').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('alerts_rule_condition_idx').on(t.ruleId, t.conditionKey),
    index('alerts_ws_created_idx').on(t.workspaceId, t.createdAt),
  ],
);
export type Alert = typeof alerts.$inferSelect;

/**
 * Browser origins the widget was refused from (not in the workspace's allowed origins), so
 * Settings can show a newcomer why the widget is silent and allow one in a click. Written
 * at most once an hour per origin by each server process (server/queries/refused-origins.ts),
 * bounded per workspace, and only the last 7 days are read.
 */
export const refusedOrigins = sqliteTable(
  'refused_origins',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    origin: text('origin').notNull(),
    /** Requests refused, as the processes have reported them so far. */
    count: integer('count').notNull(),
    firstSeen: timestamp('first_seen').notNull(),
    lastSeen: timestamp('last_seen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.origin] })],
);

/** What the widget reported: the origins it loaded on (the install check) and the `track` events it saw. */
export const widgetSightingKinds = ['origin', 'event'] as const;
export type WidgetSightingKind = (typeof widgetSightingKinds)[number];

/**
 * Where and what the widget has been seen doing, for activation checks ("event never seen")
 * and the install check ("last loaded on https://shop.example 3 min ago"). Written at most
 * once an hour per value by each server process (server/services/widget-sightings.ts) and
 * bounded per workspace and kind, like refused origins.
 */
export const widgetSightings = sqliteTable(
  'widget_sightings',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: widgetSightingKinds }).notNull(),
    /** An origin (`https://shop.example`) or an event name. */
    value: text('value').notNull(),
    firstSeen: timestamp('first_seen').notNull(),
    lastSeen: timestamp('last_seen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.value] })],
);

export const suppressions = ['bounce', 'complaint'] as const;

/**
 * A person Chorus may survey by email, one per address per workspace (stored lower-case).
 * Unsubscribing or a bounce / complaint keeps the row, so the address stays suppressed.
 */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name'),
    /** e.g. plan, accountId, arr; copied onto the responses the contact gives by email. */
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, string | number | boolean>>().notNull().default(sql`'{}'`),
    unsubscribedAt: timestamp('unsubscribed_at'),
    /** Set by bounce and complaint intake: no survey is emailed to a suppressed address. */
    suppressed: text('suppressed', { enum: suppressions }),
    suppressedAt: timestamp('suppressed_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('contacts_ws_email_idx').on(t.workspaceId, t.email)],
);
export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

export const surveyRequestStatuses = ['pending', 'sent', 'answered', 'skipped', 'cancelled'] as const;
export const skipReasons = ['throttled', 'unsubscribed', 'bounced', 'recently_surveyed'] as const;
export type SkipReason = (typeof skipReasons)[number];

/**
 * One email survey to one contact: scheduled (`pending` until `sendAt`), then `sent`,
 * `answered` once the score link is followed, or `skipped` with the fatigue rule that
 * stopped it. The response it leads to has the request's id, so a second click is a replay.
 */
export const surveyRequests = sqliteTable(
  'survey_requests',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: text('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    surveyId: text('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    status: text('status', { enum: surveyRequestStatuses }).notNull(),
    skipReason: text('skip_reason', { enum: skipReasons }),
    /** Stored on the response with the contact's attributes (e.g. ticket id, agent). */
    properties: text('properties', { mode: 'json' }).$type<Record<string, string | number | boolean>>().notNull().default(sql`'{}'`),
    /** The random capability in the email's links (`t=`): score, unsubscribe. */
    token: text('token').notNull().unique(),
    sendAt: timestamp('send_at').notNull(),
    /** A sender claims a due request until then, so two processes never send it twice. */
    leaseUntil: timestamp('lease_until'),
    sentAt: timestamp('sent_at'),
    remindAt: timestamp('remind_at'),
    remindedAt: timestamp('reminded_at'),
    answeredAt: timestamp('answered_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('survey_requests_due_idx').on(t.status, t.sendAt),
    index('survey_requests_remind_idx').on(t.status, t.remindAt),
    index('survey_requests_contact_idx').on(t.contactId, t.sentAt),
    index('survey_requests_ws_created_idx').on(t.workspaceId, t.createdAt),
  ],
);
export type SurveyRequest = typeof surveyRequests.$inferSelect;
export type NewSurveyRequest = typeof surveyRequests.$inferInsert;

/**
 * Recurring email surveys (Delighted's Autopilot) for one survey: every enrolled contact is
 * asked again every `frequencyDays`. Each survey it sends is an ordinary survey request, so
 * the fatigue budget, opt-outs and bounces apply to it and a skip keeps its reason.
 */
export const autopilots = sqliteTable('autopilots', {
  surveyId: text('survey_id').primaryKey().references(() => surveys.id, { onDelete: 'cascade' }),
  workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  active: integer('active', { mode: 'boolean' }).notNull(),
  /** Fractions allowed (as for reminderDays); Delighted's default was 90. */
  frequencyDays: real('frequency_days').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
export type Autopilot = typeof autopilots.$inferSelect;

/**
 * A contact enrolled in a survey's autopilot. `nextRequestId` is the id the next survey
 * request will have: creating it is idempotent, so two schedulers (or a crash between the
 * insert and the advance) never send one turn twice.
 */
export const autopilotMemberships = sqliteTable(
  'autopilot_memberships',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    surveyId: text('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    contactId: text('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    /** Stored on each request it makes (and so on the responses), as survey-request properties are. */
    properties: text('properties', { mode: 'json' }).$type<Record<string, string | number | boolean>>().notNull().default(sql`'{}'`),
    nextSurveyAt: timestamp('next_survey_at').notNull(),
    nextRequestId: text('next_request_id').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('autopilot_memberships_survey_contact_idx').on(t.surveyId, t.contactId), index('autopilot_memberships_due_idx').on(t.nextSurveyAt)],
);
export type AutopilotMembership = typeof autopilotMemberships.$inferSelect;
/**
 * Per-workspace digest state: the key that signs unsubscribe links (created on first use)
 * and the weeks already delivered, so a restart or a second process never sends one twice.
 */
export const digestKeys = sqliteTable('digest_keys', {
  workspaceId: text('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

/** One scheduled digest delivery: claimed by inserting the row, so exactly one sender wins. */
export const digestSends = sqliteTable(
  'digest_sends',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Monday of the digest's week, YYYY-MM-DD (local). */
    week: text('week').notNull(),
    emails: integer('emails').notNull().default(0),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.week] })],
);

/**
 * Account health computed ahead of the request (docs/METRICS.md, "Account health"): the
 * per-account and per account × touchpoint facts of one window as of one local day, so
 * `GET /api/v1/accounts` and the digest read a few hundred rows instead of every response
 * in the window. Served stale-while-revalidate; deleted when imports, deletions or erasure
 * change the past.
 */
export const accountHealthSnapshots = sqliteTable(
  'account_health_snapshots',
  {
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The window's last local day, YYYY-MM-DD. */
    asOf: text('as_of').notNull(),
    /** The window: its length and time zone, e.g. `365d Europe/Paris`. */
    window: text('window').notNull(),
    /** The facts and the settings and range they were computed for (JSON, see server/queries/account-snapshots.ts). */
    payload: text('payload').notNull(),
    computedAt: timestamp('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.window, t.asOf] })],
);

/**
 * Read-only share links of a dashboard view (docs/SECURITY.md, "Share links"): the token is
 * a long random secret shown once and stored as its SHA-256, like API keys; the filters it
 * was made with are fixed, so a viewer of the link can never widen them.
 */
export const shareLinks = sqliteTable(
  'share_links',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The first characters of the token, so a listing can tell links apart. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The view's metrics filters as validated (JSON, see server/queries/share-links.ts). */
    filters: text('filters').notNull(),
    /** Who made it, by name as it was then: the banner says "shared by …" without a join to users. */
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('share_links_token_hash_idx').on(t.tokenHash), index('share_links_ws_idx').on(t.workspaceId, t.createdAt)],
);
export type ShareLink = typeof shareLinks.$inferSelect;
