import type { Db } from '../../db/client';
import type { NewResponseRow, ResponseAnalysis, ResponseRow, Survey, WebhookEvent } from '../../db/schema';
import { keepManualThemes } from './manual-themes';
import { deleteThemeTags } from '../queries/theme-tags';
import { surveyForIngestion } from '../queries/hot-lookups';
import { ApiError } from '../errors';
import type { ResponseSubmission } from '../schemas/response';
import { checkAnswers, hiddenAnswers, missingRequired, scoreAnswers, type ScoredAnswers } from './answers';
import { rollupDeltas, type ResponseState } from './contribution';
import { guardedWrite, readResponse, storedRow, writeGuarded } from './guarded-write';
import { rawGuardedBatch } from '../../db/row-additions';
import { bothGuards, segmentsForWrite, segmentsOf, type SegmentState } from './segments';
import type { Counting } from './rate-limit';
import { workspaceSettings } from '../contracts/survey-config';
import type { Workspace } from '../../db/schema';

export interface SubmitResult {
  id: string;
  status: ResponseRow['status'];
  /** True when this call changed stored data (false for a replay). */
  changed: boolean;
  /** True when the comment is new or changed and must be analysed. */
  analyze: boolean;
  /** What this call made happen, for webhooks. */
  events: WebhookEvent[];
  /** The row as written, when this call wrote one: analysis starts from it instead of reading it back. */
  stored?: ResponseRow;
}

/** How far back a client may date an answer (offline retries, backfills through the public API). */
const MAX_BACKDATE_MS = 400 * 86_400_000;
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** What a response contributes to the rollups; with `segments`, to the segment rollups it is in too. */
export const stateOf = (row: ResponseRow | NewResponseRow, segments?: SegmentState): ResponseState => ({
  surveyId: row.surveyId,
  touchpointId: row.touchpointId,
  createdAt: row.createdAt,
  status: row.status,
  nps: row.nps ?? null,
  csat: row.csat ?? null,
  ces: row.ces ?? null,
  comment: row.comment ?? null,
  cpiAnswers: row.cpiAnswers ?? [],
  sentimentScore: row.sentimentScore ?? null,
  sentimentLabel: row.sentimentLabel ?? null,
  analysis: row.analysis ?? null,
  segments: segments ? segmentsOf(segments, row) : [],
});

const parsedSettings = new WeakMap<object, ReturnType<typeof workspaceSettings.parse>>();
/**
 * A workspace's settings with their defaults, parsed once per cached workspace row (the
 * public-key cache hands out the same object for its lifetime) rather than on every
 * submission: zod's parse was a few per cent of ingestion's CPU.
 */
export function settingsOf(ws: Pick<Workspace, 'settings'>): ReturnType<typeof workspaceSettings.parse> {
  const key = ws.settings as object;
  let parsed = parsedSettings.get(key);
  if (!parsed) parsedSettings.set(key, (parsed = workspaceSettings.parse(ws.settings)));
  return parsed;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Creates a response or completes a partial one under the same client-generated id.
 * Replaying a submission changes nothing; concurrent writes to one id are serialised by
 * optimistic concurrency, and the rollups move in the same atomic batch as the row.
 * `limits` (the public API's rate limit) are counted in that batch and guard it: over a
 * limit, nothing is written and the 429 is thrown.
 */
export async function submitResponse(
  db: Db,
  workspaceId: string,
  input: ResponseSubmission,
  now = Date.now(),
  limits?: Counting,
  /** Answers the caller may change on a partial response: only trusted server paths (an email's score link, where the last click wins). */
  replaceable: readonly string[] = [],
): Promise<SubmitResult> {
  const survey = await surveyForIngestion(db, workspaceId, input.surveyId);
  if (!survey) throw new ApiError(404, 'survey_not_found', `No survey with id "${input.surveyId}" for this key`);
  checkAnswers(survey.questions, input.answers);

  for (let attempt = 0; attempt < 8; attempt++) {
    // Most submissions are new: try the insert first and read only when the id is taken.
    const optimistic = attempt === 0 && survey.status === 'active';
    const existing = optimistic
      ? undefined
      : await readResponse(db, workspaceId, input.id);
    if (existing && existing.surveyId !== input.surveyId) {
      throw new ApiError(409, 'response_id_conflict', `Response "${input.id}" belongs to another survey`);
    }
    if (!existing && survey.status !== 'active') {
      // Responses already under way may still be completed, so no started answer is lost.
      throw new ApiError(409, 'survey_not_active', `Survey "${survey.id}" is ${survey.status} and takes no new responses`);
    }
    if (existing) {
      // Knowing a response's id is not owning it (ids travel in page state and logs): later
      // posts may add answers and complete it, never change one already stored.
      const changed = Object.keys(input.answers).filter((q) => q in existing.answers && !sameJson(existing.answers[q], input.answers[q]));
      const locked = changed.filter((q) => !replaceable.includes(q));
      if (changed.length > 0 && existing.status === 'complete') {
        throw new ApiError(409, 'response_completed', `Response "${input.id}" is complete and can no longer change`);
      }
      if (locked.length > 0) {
        throw new ApiError(409, 'answer_already_given', `Response "${input.id}" already has an answer to ${locked.map((q) => `"${q}"`).join(', ')}; answers cannot change`, { questions: locked });
      }
    }
    const answers = { ...(existing?.answers ?? {}), ...input.answers };
    const hidden = hiddenAnswers(survey.questions, answers);
    if (hidden.length > 0 && optimistic) continue; // the answers they depend on may be stored already
    if (hidden.length > 0) {
      throw new ApiError(422, 'hidden_by_logic', `The survey logic does not show ${hidden.map((q) => `"${q}"`).join(', ')} for these answers`, { questions: hidden });
    }
    const complete = existing?.status === 'complete' || input.complete === true;
    if (complete) {
      const missing = missingRequired(survey.questions, answers);
      if (missing.length > 0 && optimistic) continue; // the missing answers may be stored already
      if (missing.length > 0) {
        throw new ApiError(422, 'missing_required', `Required questions are unanswered: ${missing.join(', ')}`, { questions: missing });
      }
    }
    const status = complete ? 'complete' : 'partial';
    if (existing && sameJson(existing.answers, answers) && existing.status === status) {
      return { id: existing.id, status, changed: false, analyze: false, events: [] };
    }
    if (existing?.status === 'complete') {
      throw new ApiError(409, 'response_completed', `Response "${input.id}" is complete and can no longer change`);
    }

    const scored = scoreAnswers(survey.questions, answers);
    const commentChanged = scored.comment !== (existing?.comment ?? null);
    const answeredAt = input.answeredAt ?? now;
    if (answeredAt > now + MAX_CLOCK_SKEW_MS || answeredAt < now - MAX_BACKDATE_MS) {
      throw new ApiError(422, 'invalid_answered_at', 'answeredAt must be within the last 400 days and not in the future');
    }
    const row = composeRow(workspaceId, survey, input, existing, answers, status, scored, answeredAt, now);
    const segments = await segmentsForWrite(db, workspaceId, row, attempt > 0);
    const deltas = rollupDeltas(existing ? stateOf(existing, segments.state) : null, stateOf(row, segments.state));
    // The rate limit is counted in the first write batch and guards it; a retry is not counted again.
    const counting = limits;
    limits = undefined;
    const write = guardedWrite(workspaceId, input.id, existing?.version ?? null, deltas, row, bothGuards(segments.guard, counting?.guard));
    const results = await rawGuardedBatch(db, counting ? { ...write, statements: [...counting.statements, ...write.statements] } : write);
    counting?.check(results);
    const written = (results[results.length - 1] ?? []).length > 0;
    if (written) {
      const events: WebhookEvent[] = [];
      if (!existing) events.push('response.created');
      if (complete) events.push('response.completed'); // a complete response never reaches here again
      const wasDetractor = existing?.nps !== null && existing?.nps !== undefined && existing.nps <= 6;
      if (scored.nps !== null && scored.nps <= 6 && !wasDetractor) events.push('response.detractor');
      return { id: input.id, status, changed: true, analyze: commentChanged && scored.comment !== null, events, stored: storedRow(row) };
    }
  }
  throw new ApiError(409, 'concurrent_update', `Response "${input.id}" is being written concurrently; retry`, undefined, { 'Retry-After': '1' });
}

/**
 * The row a submission produces, merged over the stored one when there is one. A changed
 * comment clears the previous analysis, which the analysis queue then redoes.
 */
export function composeRow(
  workspaceId: string,
  survey: Pick<Survey, 'id' | 'touchpointId'>,
  input: ResponseSubmission,
  existing: ResponseRow | undefined,
  answers: ResponseRow['answers'],
  status: ResponseRow['status'],
  scored: ScoredAnswers,
  answeredAt: number,
  now: number,
): NewResponseRow {
  const commentChanged = scored.comment !== (existing?.comment ?? null);
  return {
    ...existing, // keeps what ingestion does not own, e.g. the close-the-loop fields
    workspaceId,
    id: input.id,
    surveyId: survey.id,
    touchpointId: existing?.touchpointId ?? survey.touchpointId,
    status,
    answers,
    nps: scored.nps,
    csat: scored.csat,
    ces: scored.ces,
    comment: scored.comment,
    cpiAnswers: scored.cpi,
    // Who answered and where were said by the first post; a later one (anyone holding the id)
    // may fill in what was missing but not re-attribute the response.
    respondentId: existing?.respondentId ?? input.respondentId ?? null,
    anonymousId: existing?.anonymousId ?? input.anonymousId ?? null,
    attributes: { ...(input.attributes ?? {}), ...(existing?.attributes ?? {}) },
    pageUrl: existing?.pageUrl ?? input.pageUrl ?? null,
    locale: existing?.locale ?? input.locale ?? null,
    deviceClass: existing?.deviceClass ?? input.deviceClass ?? null,
    sentimentScore: commentChanged ? null : (existing?.sentimentScore ?? null),
    sentimentLabel: commentChanged ? null : (existing?.sentimentLabel ?? null),
    analysis: commentChanged ? null : (existing?.analysis ?? null),
    analyzedAt: commentChanged ? null : (existing?.analyzedAt ?? null),
    version: (existing?.version ?? 0) + 1,
    createdAt: existing?.createdAt ?? answeredAt,
    updatedAt: now,
    completedAt: existing?.completedAt ?? (status === 'complete' ? now : null),
  };
}

/** Deletes a response and takes it out of the rollups. Returns false when it does not exist. */
export async function deleteResponse(db: Db, workspaceId: string, id: string): Promise<boolean> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const existing = await readResponse(db, workspaceId, id);
    if (!existing) return false;
    const segments = await segmentsForWrite(db, workspaceId, existing, attempt > 0);
    const deltas = rollupDeltas(stateOf(existing, segments.state), null);
    if (await writeGuarded(db, workspaceId, id, existing.version, deltas, null, segments.guard)) {
      // Rarely any: a person's theme tags on its comment. The model stops learning from them at its next retraining.
      await deleteThemeTags(db, workspaceId, id);
      return true;
    }
  }
  throw new ApiError(409, 'concurrent_update', `Response "${id}" is being written concurrently; retry`);
}

/**
 * Stores an analysis result for a response whose comment is still the one analysed. A
 * result equal to the stored one writes nothing. `preloaded` saves a read when the caller
 * has the row already (a re-run over history). Themes people added or removed on the
 * comment are kept (manual-themes.ts), whatever the engine found this time.
 */
export async function storeAnalysis(
  db: Db,
  workspaceId: string,
  id: string,
  comment: string,
  analysis: ResponseAnalysis,
  now = Date.now(),
  preloaded?: ResponseRow,
): Promise<boolean> {
  let analyzedAt: number | null | undefined;
  return updateAnalysis(db, workspaceId, id, (existing) => {
    if (existing.comment !== comment) return false;
    // Someone stored an analysis since this one began (a re-run after the taxonomy changed):
    // theirs is at least as fresh, so it stays.
    if (analyzedAt !== undefined && existing.analyzedAt !== analyzedAt) return false;
    analyzedAt = existing.analyzedAt;
    const stored = keepManualThemes(analysis, existing.analysis);
    if (existing.analyzedAt !== null && sameJson(existing.analysis, roundAnalysis(stored))) return true;
    return { analysis: stored, analyzedAt: now };
  }, preloaded);
}

/** Scores in thousandths, as the rollups count them, so stored JSON and rollups agree exactly. */
const round = (x: number) => Math.round(x * 1000) / 1000;
const roundAnalysis = (a: ResponseAnalysis): ResponseAnalysis => ({
  ...a,
  sentiment: { ...a.sentiment, score: round(a.sentiment.score) },
  themes: a.themes.map((t) => (t.sentiment === undefined ? t : { ...t, sentiment: round(t.sentiment) })),
});

/**
 * Rewrites a response's analysis as `change` decides from the stored row (true/false: write
 * nothing and return that), moving its rollups in the same guarded batch and re-deciding
 * after a concurrent write. The one path by which analyses, and so theme rollups, change.
 */
export async function updateAnalysis(
  db: Db,
  workspaceId: string,
  id: string,
  change: (existing: ResponseRow) => { analysis: ResponseAnalysis; analyzedAt: number } | boolean,
  preloaded?: ResponseRow,
): Promise<boolean> {
  let existing = preloaded;
  for (let attempt = 0; attempt < 8; attempt++) {
    existing ??= await readResponse(db, workspaceId, id);
    if (!existing) return false;
    const next = change(existing);
    if (typeof next === 'boolean') return next;
    const stored = roundAnalysis(next.analysis);
    const row: NewResponseRow = {
      ...existing,
      sentimentScore: stored.sentiment.score,
      sentimentLabel: stored.sentiment.label,
      analysis: stored,
      analyzedAt: next.analyzedAt,
      version: existing.version + 1,
    };
    const segments = await segmentsForWrite(db, workspaceId, row, attempt > 0);
    const deltas = rollupDeltas(stateOf(existing, segments.state), stateOf(row, segments.state));
    if (await writeGuarded(db, workspaceId, id, existing.version, deltas, row, segments.guard)) return true;
    existing = undefined;
  }
  return false;
}
