import type { Db } from '../../db/client';
import type { AutopilotMembership, Contact, Workspace } from '../../db/schema';
import { getSurvey } from '../queries/surveys';
import { upsertContact, type ContactInput } from '../queries/contacts';
import { enrol, getAutopilot, putAutopilot } from '../queries/autopilot';
import { present } from '../queries/present';

export interface Enrolment {
  contact: ContactInput;
  properties: AutopilotMembership['properties'];
  delaySeconds: number;
}

/**
 * Enrols a contact (created or updated first) in a survey's autopilot. A survey without one
 * gets it, active at Delighted's 90 days: enrolling means "ask them regularly". The first
 * survey goes at the next scheduler pass (or after the delay); enrolling again keeps the
 * contact's rhythm.
 */
export async function enrolContact(db: Db, ws: Workspace, surveyId: string, e: Enrolment, now = Date.now()): Promise<{ membership: AutopilotMembership; contact: Contact; created: boolean }> {
  const survey = await getSurvey(db, ws.id, surveyId);
  if (!(await getAutopilot(db, ws.id, survey.id))) await putAutopilot(db, ws.id, survey.id, {}, now);
  const { contact } = await upsertContact(db, ws.id, e.contact, now);
  const { membership, created } = await enrol(db, ws.id, survey.id, contact.id, { properties: e.properties, firstAt: now + e.delaySeconds * 1000 }, now);
  return { membership, contact, created };
}

/** The API shape of a membership, with its contact's email. */
export const presentMember = (m: AutopilotMembership, c: Contact) => ({ ...present(m), email: c.email });
