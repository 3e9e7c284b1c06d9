import { path } from '../../widget/logic';
import type { Db } from '../../db/client';
import type { Contact, ResponseRow, Workspace } from '../../db/schema';
import { ApiError } from '../errors';
import { newId } from '../crypto';
import { workspaceSettings } from '../contracts/survey-config';
import { SURVEY_PROPERTY } from '../schemas/delighted';
import { getSurvey } from '../queries/surveys';
import { readResponse } from '../services/guarded-write';
import { submitResponse, type SubmitResult } from '../services/ingest';

/** The survey a Delighted call means: the one its properties name, else the workspace's email survey. */
export function emailSurveyId(ws: Workspace, properties: Record<string, unknown>): string {
  const named = properties[SURVEY_PROPERTY];
  const id = typeof named === 'string' ? named : workspaceSettings.parse(ws.settings).emailSurveyId;
  if (!id) throw new ApiError(422, 'no_email_survey', `Name a survey in properties.${SURVEY_PROPERTY}, or set the workspace's emailSurveyId (PATCH /api/v1/workspace)`);
  return id;
}

/**
 * `POST /survey_responses`: a complete response from a person, its score on the survey's
 * NPS question and the comment on its first text question, as an import of an answer given
 * elsewhere would be.
 */
export async function createResponse(
  db: Db,
  ws: Workspace,
  contact: Contact,
  input: { score: number; comment?: string | null | undefined; person_properties: Record<string, string | number | boolean> },
  now = Date.now(),
): Promise<{ row: ResponseRow; result: SubmitResult }> {
  const survey = await getSurvey(db, ws.id, emailSurveyId(ws, input.person_properties));
  const npsQuestion = survey.questions.find((q) => q.kind === 'nps');
  if (!npsQuestion) throw new ApiError(422, 'no_nps_question', `Survey "${survey.id}" has no NPS question to hold the score`);
  const answers: Record<string, number | string> = { [npsQuestion.id]: input.score };
  // With survey logic, the comment goes to the text question shown for this score's band.
  const text = path(survey.questions, answers).find((q) => q.kind === 'text');
  if (input.comment && text) answers[text.id] = input.comment;
  const { [SURVEY_PROPERTY]: _named, ...properties } = input.person_properties;
  const id = newId('dr');
  const result = await submitResponse(db, ws.id, { id, surveyId: survey.id, answers, complete: true, respondentId: contact.email, attributes: { ...contact.attributes, ...properties, channel: 'api' } }, now);
  return { row: (await readResponse(db, ws.id, id))!, result };
}
