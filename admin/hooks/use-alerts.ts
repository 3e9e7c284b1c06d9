import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

type Post = Parameters<(typeof api)['alert-rules']['$post']>[0]['json'];
export type AlertRule = Awaited<ReturnType<typeof rules>>['data'][number];
export type Alert = Awaited<ReturnType<typeof recent>>['data'][number];

const rules = () => call(api['alert-rules'].$get());
const recent = () => call(api.alerts.$get({ query: { limit: '50' } }));

/** `GET /api/v1/alerts`: the latest 50 alerts. */
export const useAlerts = (version = 0) => useQuery(recent, `${currentWorkspace()}:${version}`);
/** `GET /api/v1/alert-rules`. */
export const useAlertRules = (version = 0) => useQuery(rules, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/alert-rules`. */
export const useCreateAlertRule = () => useMutation((json: Post) => call(api['alert-rules'].$post({ json })));
/** `PATCH /api/v1/alert-rules/:id`: switch a rule on or off. */
export const useSetAlertRuleActive = () => useMutation((id: string, active: boolean) => call(api['alert-rules'][':id'].$patch({ param: { id }, json: { active } })));
/** `DELETE /api/v1/alert-rules/:id`. */
export const useDeleteAlertRule = () => useMutation((id: string) => call(api['alert-rules'][':id'].$delete({ param: { id } })));
