import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

export type ResponseQuery = Parameters<typeof api.responses.$get>[0]['query'];
export type CountsQuery = Parameters<typeof api.responses.counts.$get>[0]['query'];
export type ResponsePage = Awaited<ReturnType<typeof list>>;
export type ResponseItem = ResponsePage['data'][number];
export type ResponseDetail = Awaited<ReturnType<typeof one>>;
export type ResponseCounts = Awaited<ReturnType<typeof counts>>;
export type LoopPatch = Parameters<typeof api.responses[':id']['loop']['$patch']>[0]['json'];
export type LoopStatus = NonNullable<LoopPatch['status']>;
export type Resolution = NonNullable<LoopPatch['resolution']>['reason'];

const list = (query: ResponseQuery) => call(api.responses.$get({ query }));
const counts = (query: CountsQuery) => call(api.responses.counts.$get({ query }));
const one = (id: string) => call(api.responses[':id'].$get({ param: { id } }));

/** `GET /api/v1/responses` with the inbox's filters. */
export const useResponses = (query: ResponseQuery, version = 0) => useQuery(() => list(query), `${currentWorkspace()}:${JSON.stringify(query)}:${version}`);
/** `GET /api/v1/responses/counts`: the total and each facet value's count under the other filters. */
export const useResponseCounts = (query: CountsQuery, version = 0) => useQuery(() => counts(query), `${currentWorkspace()}:counts:${JSON.stringify(query)}:${version}`);
/** `GET /api/v1/responses/:id`: answers, context, sentiment, themes, loop, notes, activity and the reply option. */
export const useResponse = (id: string | null, version = 0) => useQuery(() => one(id!), `${currentWorkspace()}:${id}:${version}`, id !== null);
/** `PATCH /api/v1/responses/:id/loop`. */
export const useUpdateLoop = () => useMutation((id: string, json: LoopPatch) => call(api.responses[':id'].loop.$patch({ param: { id }, json })));
/** `POST /api/v1/responses/:id/notes`. */
export const useAddNote = () => useMutation((id: string, text: string) => call(api.responses[':id'].notes.$post({ param: { id }, json: { text } })));
/** `POST /api/v1/responses/:id/reply`. */
export const useReply = () => useMutation((id: string, json: { subject: string; text: string }) => call(api.responses[':id'].reply.$post({ param: { id }, json })));
