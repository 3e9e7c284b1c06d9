import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { Survey, SurveyRequest, Workspace } from '../../db/schema';
import { ApiError } from '../errors';
import { MAIL_NOT_CONFIGURED } from '../mail/transport';
import { newId, randomToken } from '../crypto';
import { getSurvey, listSurveys } from '../queries/surveys';
import { upsertContact } from '../queries/contacts';
import { insertSurveyRequest } from '../queries/survey-requests';
import type { surveyRequestInput } from '../schemas/contacts';

/** The survey a request names, or its touchpoint's active survey of highest priority. */
async function surveyFor(db: Db, workspaceId: string, ref: { surveyId?: string | undefined; touchpointId?: string | undefined }): Promise<Survey> {
  if (ref.surveyId) return getSurvey(db, workspaceId, ref.surveyId);
  const active = await listSurveys(db, workspaceId, { status: 'active', touchpoint: ref.touchpointId });
  const best = active.sort((a, b) => b.priority - a.priority)[0];
  if (!best) throw new ApiError(404, 'no_active_survey', `Touchpoint "${ref.touchpointId}" has no active survey`);
  return best;
}

/**
 * Schedules an email survey: creates or updates the contact, then a pending request due
 * after `delaySeconds`. Whether it is sent or skipped (fatigue, opt-out, bounce) is decided
 * when it comes due, on what is true then.
 */
export async function scheduleSurveyRequest(db: Db, ws: Workspace, input: z.infer<typeof surveyRequestInput>, o: { mailConfigured: boolean }, now = Date.now()): Promise<SurveyRequest> {
  const survey = await surveyFor(db, ws.id, input);
  if (survey.status !== 'active') throw new ApiError(409, 'survey_not_active', `Survey "${survey.id}" is ${survey.status}: activate it before emailing it`);
  if (!o.mailConfigured) throw new ApiError(409, 'mail_not_configured', MAIL_NOT_CONFIGURED);
  const { contact } = await upsertContact(db, ws.id, input.contact, now);
  return insertSurveyRequest(db, {
    id: newId('sr'),
    workspaceId: ws.id,
    contactId: contact.id,
    surveyId: survey.id,
    status: 'pending',
    properties: input.properties,
    token: randomToken('st'),
    sendAt: now + input.delaySeconds * 1000,
    createdAt: now,
    updatedAt: now,
  });
}
