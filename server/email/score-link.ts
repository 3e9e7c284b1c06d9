import type { Db } from '../../db/client';
import type { WebhookEvent } from '../../db/schema';
import { ApiError } from '../errors';
import { surveyForIngestion } from '../queries/hot-lookups';
import { markAnswered, requestByToken } from '../queries/survey-requests';
import { readResponse } from '../services/guarded-write';
import { submitResponse } from '../services/ingest';
import { emailScale } from './render';

export interface EmailScore {
  workspaceId: string;
  /** The response the page continues (the request's id). */
  responseId: string;
  /** The score stored for the first question: the first click's, whatever later clicks said. */
  score: number | undefined;
  events: WebhookEvent[];
}

/**
 * Records the score of a button clicked in a survey email, under the contact, at once. The
 * response's id is the request's, so a second click (or a mail scanner's prefetch followed by
 * the person's click) stores nothing twice: the first score stands.
 */
export async function recordEmailScore(db: Db, surveyId: string, token: string, score: number | undefined, now = Date.now()): Promise<EmailScore | undefined> {
  const found = await requestByToken(db, token);
  if (!found || found.request.surveyId !== surveyId || found.request.status === 'cancelled') return undefined;
  const { request, contact } = found;
  const ws = request.workspaceId;
  const survey = await surveyForIngestion(db, ws, surveyId);
  const first = survey?.questions[0];
  const scale = emailScale(first);
  const stored = async () => {
    const row = await readResponse(db, ws, request.id);
    const v = first && row?.answers[first.id];
    return typeof v === 'number' ? v : undefined;
  };
  const base = { workspaceId: ws, responseId: request.id, events: [] as WebhookEvent[] };
  const already = await stored();
  if (already !== undefined || !first || !scale || score === undefined || score < scale[0] || score > scale[1]) return { ...base, score: already };
  try {
    const result = await submitResponse(db, ws, {
      id: request.id,
      surveyId,
      answers: { [first.id]: score },
      respondentId: contact.email,
      attributes: { ...contact.attributes, ...request.properties, channel: 'email' },
      answeredAt: now,
    }, now);
    await markAnswered(db, request.id, now);
    return { ...base, score, events: result.events };
  } catch (err) {
    // Two clicks at once: the other one stored its score first.
    if (err instanceof ApiError && err.code === 'answer_already_given') return { ...base, score: await stored() };
    throw err;
  }
}
