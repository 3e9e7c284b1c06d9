import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

type Post = Parameters<typeof api.touchpoints.$post>[0]['json'];
type Patch = Parameters<(typeof api.touchpoints)[':id']['$patch']>[0]['json'];
export type Touchpoint = Awaited<ReturnType<typeof list>>['data'][number];

const list = () => call(api.touchpoints.$get());

/** `GET /api/v1/touchpoints`: the journey in order. */
export const useTouchpoints = (version = 0) => useQuery(list, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/touchpoints`. */
export const useCreateTouchpoint = () => useMutation((json: Post) => call(api.touchpoints.$post({ json })));
/** `PATCH /api/v1/touchpoints/:id`. */
export const useUpdateTouchpoint = () => useMutation((id: string, json: Patch) => call(api.touchpoints[':id'].$patch({ param: { id }, json })));
/** `DELETE /api/v1/touchpoints/:id`. */
export const useDeleteTouchpoint = () => useMutation((id: string) => call(api.touchpoints[':id'].$delete({ param: { id } })));
/** `PUT /api/v1/touchpoints/order`. */
export const useReorderTouchpoints = () => useMutation((ids: string[]) => call(api.touchpoints.order.$put({ json: { ids } })));
