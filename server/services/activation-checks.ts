import type { Db } from '../../db/client';
import { activationChecks } from '../activation/checks';
import type { ActivationCheck } from '../schemas/activation';
import { getSurvey, listSurveys } from '../queries/surveys';
import { listSightings } from '../queries/widget-sightings';

/** What would keep survey `id` from showing as intended if it were active now (whatever its status). */
export async function surveyActivationChecks(db: Db, workspaceId: string, allowedOrigins: readonly string[], id: string, now = Date.now()): Promise<ActivationCheck[]> {
  const [survey, active, events] = await Promise.all([getSurvey(db, workspaceId, id), listSurveys(db, workspaceId, { status: 'active' }), listSightings(db, workspaceId, 'event', now)]);
  return activationChecks(survey, active, allowedOrigins, events.map((e) => e.value));
}
