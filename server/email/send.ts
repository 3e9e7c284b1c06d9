import type { Db } from '../../db/client';
import type { SurveyRequest } from '../../db/schema';
import type { MailTransport } from '../mail/transport';
import { claimDue, requestContext, settleRequest } from '../queries/survey-requests';
import { startDueTurns } from '../queries/autopilot';
import { skipReason } from './fatigue';
import { surveyEmail } from './render';

const DAY_MS = 86_400_000;
const BATCH = 50;

export interface SurveyMailOptions {
  mail: MailTransport | undefined;
  /** Where the email's links point (CHORUS_PUBLIC_URL; the listening address in development). */
  baseUrl: string | undefined;
  logError?: (err: unknown) => void;
}

/** The hosted survey link for a request, without the score (each button adds its own). */
export const surveyLink = (baseUrl: string, r: Pick<SurveyRequest, 'surveyId' | 'token'>) => `${baseUrl}/s/${encodeURIComponent(r.surveyId)}?t=${encodeURIComponent(r.token)}`;
export const unsubscribeLink = (baseUrl: string, token: string) => `${baseUrl}/email/unsubscribe?token=${encodeURIComponent(token)}`;

async function sendOne(db: Db, o: { mail: MailTransport; baseUrl: string }, r: SurveyRequest, reminder: boolean, now: number): Promise<void> {
  const ctx = await requestContext(db, r.id);
  if (!ctx || ctx.survey.status !== 'active') return settleRequest(db, r.id, reminder ? { reminded: now } : { status: 'cancelled' }, now);
  const { contact, survey, workspace } = ctx;
  if (reminder) {
    // A reminder never reaches someone who opted out or bounced since the first email.
    if (contact.unsubscribedAt !== null || contact.suppressed !== null) return settleRequest(db, r.id, { reminded: now }, now);
  } else {
    const reason = await skipReason(db, workspace, survey, contact, r, now);
    if (reason) return settleRequest(db, r.id, { status: 'skipped', skipReason: reason }, now);
  }
  await o.mail.send(
    surveyEmail({ to: contact.email, name: contact.name, workspace: workspace.name, question: survey.questions[0], surveyUrl: surveyLink(o.baseUrl, r), unsubscribeUrl: unsubscribeLink(o.baseUrl, r.token), reminder }),
  );
  const days = survey.throttling.reminderDays;
  await settleRequest(db, r.id, reminder ? { reminded: now } : { status: 'sent', sentAt: now, remindAt: days === null || days === undefined ? null : now + Math.round(days * DAY_MS) }, now);
}

/**
 * Sends the email surveys and reminders that have come due; any process may run it (each
 * request is claimed first). A failed send is retried when its claim runs out. Without a mail
 * transport or a base URL for the links nothing is claimed: requests wait until both exist.
 * Autopilot turns that have come due become requests first, and go out in the same pass.
 */
export async function sendDueSurveyRequests(db: Db, o: SurveyMailOptions, now = Date.now()): Promise<number> {
  const { mail, baseUrl } = o;
  if (!mail || !baseUrl) return 0;
  let sent = 0;
  await startDueTurns(db, now, BATCH);
  for (const reminder of [false, true]) {
    for (const r of await claimDue(db, now, BATCH, reminder)) {
      try {
        await sendOne(db, { mail, baseUrl }, r, reminder, now);
        sent++;
      } catch (err) {
        (o.logError ?? console.error)(err);
      }
    }
  }
  return sent;
}
