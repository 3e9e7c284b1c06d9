import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

type Post = Parameters<typeof api.cpis.$post>[0]['json'];
type Patch = Parameters<(typeof api.cpis)[':id']['$patch']>[0]['json'];
export type Cpi = Awaited<ReturnType<typeof list>>['data'][number];

const list = () => call(api.cpis.$get());

/** `GET /api/v1/cpis`. */
export const useCpis = (version = 0) => useQuery(list, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/cpis`. */
export const useCreateCpi = () => useMutation((json: Post) => call(api.cpis.$post({ json })));
/** `PATCH /api/v1/cpis/:id`. */
export const useUpdateCpi = () => useMutation((id: string, json: Patch) => call(api.cpis[':id'].$patch({ param: { id }, json })));
/** `DELETE /api/v1/cpis/:id`. */
export const useDeleteCpi = () => useMutation((id: string) => call(api.cpis[':id'].$delete({ param: { id } })));
