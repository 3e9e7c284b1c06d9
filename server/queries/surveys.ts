import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { responses, surveys, workspaces, type Survey, type SurveyStatus } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { newId } from '../crypto';
import type { SurveyInput, SurveyPatch } from '../schemas/management';
import type { Question } from '../contracts/survey-config';
import { assertLogic } from '../services/survey-logic';
import type { ClientSurvey } from '../contracts/client-survey';

// widget/types.ts imports it from here until it imports server/contracts/client-survey itself.
export type { ClientSurvey };
import { assertCpis } from './cpis';
import { forgetSurvey } from './hot-lookups';
import { assertTouchpoints, stripUndefined } from './touchpoints';

/** Which status a survey may move to from each status; closing is final. */
const transitions: Record<SurveyStatus, readonly SurveyStatus[]> = {
  draft: ['active', 'closed'],
  active: ['paused', 'closed'],
  paused: ['active', 'closed'],
  closed: [],
};

export const listSurveys = (db: Db, ws: string, filter: { status?: SurveyStatus | undefined; touchpoint?: string | undefined } = {}): Promise<Survey[]> =>
  db
    .select()
    .from(surveys)
    .where(
      and(
        eq(surveys.workspaceId, ws),
        filter.status ? eq(surveys.status, filter.status) : undefined,
        filter.touchpoint ? eq(surveys.touchpointId, filter.touchpoint) : undefined,
      ),
    )
    .orderBy(asc(surveys.createdAt), asc(surveys.id));

export async function getSurvey(db: Db, ws: string, id: string): Promise<Survey> {
  const [row] = await db.select().from(surveys).where(and(eq(surveys.workspaceId, ws), eq(surveys.id, id)));
  if (!row) throw notFound('survey', id);
  return row;
}

async function checkReferences(db: Db, ws: string, touchpointId: string | undefined, questions: Question[] | undefined) {
  if (touchpointId) await assertTouchpoints(db, ws, [touchpointId]);
  if (questions) await assertCpis(db, ws, questions.flatMap((q) => (q.kind === 'cpi' ? [q.cpiId] : [])));
}

export async function createSurvey(db: Db, ws: string, input: SurveyInput, now = Date.now()): Promise<Survey> {
  await checkReferences(db, ws, input.touchpointId, input.questions);
  assertLogic(input.questions, input.endings);
  if (input.status === 'paused' || input.status === 'closed') {
    throw new ApiError(422, 'invalid_status', `A new survey starts as draft or active, not ${input.status}`);
  }
  const [row] = await db
    .insert(surveys)
    .values({ ...input, id: newId('sv'), workspaceId: ws, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

export async function updateSurvey(db: Db, ws: string, id: string, patch: SurveyPatch, now = Date.now()): Promise<Survey> {
  const current = await getSurvey(db, ws, id);
  if (patch.status && patch.status !== current.status && !transitions[current.status].includes(patch.status)) {
    throw new ApiError(409, 'invalid_transition', `A ${current.status} survey cannot become ${patch.status}`, {
      from: current.status,
      allowed: transitions[current.status],
    });
  }
  await checkReferences(db, ws, patch.touchpointId, patch.questions);
  // Questions and end screens refer to each other: a patch of either is checked against the other as stored.
  if (patch.questions || patch.endings) assertLogic(patch.questions ?? current.questions, patch.endings ?? current.endings);
  const [row] = await db
    .update(surveys)
    .set({ ...stripUndefined(patch), updatedAt: now })
    .where(and(eq(surveys.workspaceId, ws), eq(surveys.id, id)))
    .returning();
  forgetSurvey(db, ws, id);
  return row!;
}

export async function deleteSurvey(db: Db, ws: string, id: string): Promise<void> {
  await getSurvey(db, ws, id);
  const [answered] = await db.select({ id: responses.id }).from(responses).where(and(eq(responses.workspaceId, ws), eq(responses.surveyId, id))).limit(1);
  if (answered) throw new ApiError(409, 'survey_has_responses', 'This survey has responses; close it instead of deleting it');
  await db.delete(surveys).where(and(eq(surveys.workspaceId, ws), eq(surveys.id, id)));
  forgetSurvey(db, ws, id);
}

/** The widget's view of a survey: everything it needs to decide and render, nothing internal. */
export function clientSurvey(s: Survey): ClientSurvey {
  return {
    id: s.id,
    touchpointId: s.touchpointId,
    name: s.name,
    priority: s.priority,
    defaultLocale: s.defaultLocale,
    questions: s.questions,
    targeting: s.targeting,
    throttling: s.throttling,
    appearance: s.appearance,
    translations: s.translations,
    endings: s.endings,
    updatedAt: s.updatedAt,
  };
}

/**
 * A survey found by id alone, for link surveys (`/s/:surveyId`): the link carries no key,
 * and survey ids are random, so the id is the capability.
 */
export async function linkSurvey(db: Db, id: string) {
  const [row] = await db
    .select({ id: surveys.id, name: surveys.name, status: surveys.status, locale: surveys.defaultLocale, publicKey: workspaces.publicKey, workspace: workspaces.name })
    .from(surveys)
    .innerJoin(workspaces, eq(workspaces.id, surveys.workspaceId))
    .where(eq(surveys.id, id))
    .limit(1);
  return row;
}
