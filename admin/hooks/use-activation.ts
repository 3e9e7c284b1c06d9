import { api, call, currentWorkspace } from '../api';
import { useQuery } from './query';

const checks = (id: string) => call(api.surveys[':id'].checks.$get({ param: { id } }));
const loads = () => call(api['widget-loads'].$get());
export type ActivationCheck = Awaited<ReturnType<typeof checks>>['data'][number];
export type WidgetLoad = Awaited<ReturnType<typeof loads>>['data'][number];

/** `GET /api/v1/surveys/:id/checks`: what would keep the survey from showing as intended; `version` re-asks (e.g. after a save). */
export const useActivationChecks = (id: string, version: string | number = 0, enabled = true) => useQuery(() => checks(id), `${currentWorkspace()}:${id}:${version}`, enabled);
/** `GET /api/v1/widget-loads`: the install check, origins the widget loaded on. */
export const useWidgetLoads = () => useQuery(loads, `${currentWorkspace()}`);
