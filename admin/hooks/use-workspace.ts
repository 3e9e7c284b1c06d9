import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

type Patch = Parameters<typeof api.workspace.$patch>[0]['json'];
export type Workspace = Awaited<ReturnType<typeof get>>;
const get = () => call(api.workspace.$get());

/** `GET /api/v1/workspace`. */
export const useWorkspace = (version = 0) => useQuery(get, `${currentWorkspace()}:${version}`);
/** `PATCH /api/v1/workspace` (owners). */
export const useUpdateWorkspace = () => useMutation((json: Patch) => call(api.workspace.$patch({ json })));

export type RefusedOrigin = Awaited<ReturnType<typeof refused>>['data'][number];
const refused = () => call(api['refused-origins'].$get());
/** `GET /api/v1/refused-origins`: origins the widget was refused from in the last 7 days. */
export const useRefusedOrigins = (version = 0) => useQuery(refused, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/refused-origins/allow` (owners): adds one to the allowed origins. */
export const useAllowOrigin = () => useMutation((origin: string) => call(api['refused-origins'].allow.$post({ json: { origin } })));
