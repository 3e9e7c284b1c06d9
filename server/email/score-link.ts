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
  /** The score stored for the first question after this click. */
  score: number | undefined;
  events: WebhookEvent[];
}

/** The request an email link's token names, when it belongs to this survey and still counts. */
export async function emailLink(db: Db, surveyId: string, token: string) {
  const found = token.length <= 100 ? await requestByToken(db, token) : undefined;
  return found && found.request.surveyId === surveyId && found.request.status !== 'cancelled' ? found : undefined;
}

/**
 * Records the score of a button clicked in a survey email, under the contact. It runs on the
 * POST the score page makes (its script, or its <noscript> button), never on the link's GET:
 * mail security scanners open links but run no scripts. The response's id is the request's,
 * so the same click twice stores nothing twice; a later click on another score replaces it
 * while the response is not complete (Delighted's rule: the last click wins).
 */
export async function recordEmailScore(db: Db, surveyId: string, token: string, score: number | undefined, now = Date.now()): Promise<EmailScore | undefined> {
  const found = await emailLink(db, surveyId, token);
  if (!found) return undefined;
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
  if (!first || !scale || score === undefined || score < scale[0] || score > scale[1]) return { ...base, score: await stored() };
  try {
    const result = await submitResponse(
      db,
      ws,
      { id: request.id, surveyId, answers: { [first.id]: score }, respondentId: contact.email, attributes: { ...contact.attributes, ...request.properties, channel: 'email' }, answeredAt: now },
      now,
      undefined,
      [first.id],
    );
    await markAnswered(db, request.id, now);
    return { ...base, score, events: result.events };
  } catch (err) {
    // Completed since (the score can no longer change), or two clicks at once: what is stored stands.
    if (err instanceof ApiError && (err.code === 'response_completed' || err.code === 'concurrent_update')) return { ...base, score: await stored() };
    throw err;
  }
}
