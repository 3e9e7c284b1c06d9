import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

export type ResponseQuery = Parameters<typeof api.responses.$get>[0]['query'];
export type ResponsePage = Awaited<ReturnType<typeof list>>;
export type ResponseItem = ResponsePage['data'][number];
export type ResponseDetail = Awaited<ReturnType<typeof one>>;
export type LoopStatus = 'open' | 'in_progress' | 'closed';

const list = (query: ResponseQuery) => call(api.responses.$get({ query }));
const one = (id: string) => call(api.responses[':id'].$get({ param: { id } }));

/** `GET /api/v1/responses` with the inbox's filters. */
export const useResponses = (query: ResponseQuery, version = 0) => useQuery(() => list(query), `${currentWorkspace()}:${JSON.stringify(query)}:${version}`);
/** `GET /api/v1/responses/:id`: answers, context, sentiment, themes, loop and notes. */
export const useResponse = (id: string | null, version = 0) => useQuery(() => one(id!), `${currentWorkspace()}:${id}:${version}`, id !== null);
/** `PATCH /api/v1/responses/:id/loop`. */
export const useUpdateLoop = () =>
  useMutation((id: string, json: { status?: LoopStatus; assignee?: string | null }) => call(api.responses[':id'].loop.$patch({ param: { id }, json })));
/** `POST /api/v1/responses/:id/notes`. */
export const useAddNote = () => useMutation((id: string, text: string) => call(api.responses[':id'].notes.$post({ param: { id }, json: { text } })));
