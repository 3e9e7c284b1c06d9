import type { Db } from '../../db/client';
import type { Contact, SkipReason, Survey, SurveyRequest, Workspace } from '../../db/schema';
import { workspaceSettings } from '../contracts/survey-config';
import { answeredSince, emailedSince, lastEmailedAt } from '../queries/survey-requests';
import { contactByEmail } from '../queries/contacts';

const DAY_MS = 86_400_000;

/** Days a contact rests after any survey: the survey's override, else the workspace's budget. */
export const budgetDays = (ws: Workspace, survey: Survey): number => survey.throttling.contactBudgetDays ?? workspaceSettings.parse(ws.settings).contactBudgetDays;

/**
 * Why this request must not be emailed now, or null when it may: the contact opted out or
 * bounced, another email survey reached them within the budget (`throttled`), or they answered
 * a survey on any channel within it (`recently_surveyed`; identified widget answers count).
 */
export async function skipReason(db: Db, ws: Workspace, survey: Survey, contact: Contact, request: SurveyRequest, now: number): Promise<SkipReason | null> {
  if (contact.unsubscribedAt !== null) return 'unsubscribed';
  if (contact.suppressed !== null) return 'bounced';
  const days = budgetDays(ws, survey);
  if (days === 0) return null;
  const since = now - days * DAY_MS;
  if (await emailedSince(db, contact.id, request.id, since)) return 'throttled';
  if (await answeredSince(db, ws.id, contact.email, since)) return 'recently_surveyed';
  return null;
}

/**
 * The same budget seen from the widget: until when an identified respondent (their email)
 * must not be asked because a survey was emailed to them within the workspace's budget, or
 * null when they may be. Unknown addresses and a budget of 0 are never held back.
 */
export async function quietUntil(db: Db, ws: Workspace, email: string, now: number): Promise<number | null> {
  const days = workspaceSettings.parse(ws.settings).contactBudgetDays;
  const contact = days > 0 ? await contactByEmail(db, ws.id, email) : undefined;
  const last = contact ? await lastEmailedAt(db, contact.id) : null;
  return last !== null && last + days * DAY_MS > now ? last + days * DAY_MS : null;
}
