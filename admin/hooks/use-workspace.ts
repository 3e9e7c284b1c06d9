import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

type Patch = Parameters<typeof api.workspace.$patch>[0]['json'];
export type Workspace = Awaited<ReturnType<typeof get>>;
const get = () => call(api.workspace.$get());

/** `GET /api/v1/workspace`. */
export const useWorkspace = (version = 0) => useQuery(get, `${currentWorkspace()}:${version}`);
/** `PATCH /api/v1/workspace` (owners). */
export const useUpdateWorkspace = () => useMutation((json: Patch) => call(api.workspace.$patch({ json })));
