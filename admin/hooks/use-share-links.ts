import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

// Share links (owners) and the public view a link opens — one hook per endpoint.
const links = () => call(api['share-links'].$get());
const view = (token: string) => call(api.shared[':token'].$get({ param: { token }, query: {} }));
export type ShareLink = Awaited<ReturnType<typeof links>>['data'][number];
export type SharedView = Awaited<ReturnType<typeof view>>;
type CreateInput = NonNullable<Parameters<(typeof api)['share-links']['$post']>[0]>['json'];
export type ShareFilters = NonNullable<CreateInput['filters']>;

/** `GET /api/v1/share-links`. */
export const useShareLinks = (version = 0) => useQuery(links, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/share-links`: the answer carries the link's URL, once. */
export const useCreateShareLink = () => useMutation((filters: ShareFilters, expiresInDays: number) => call(api['share-links'].$post({ json: { filters, expiresInDays } })));
/** `DELETE /api/v1/share-links/:id`. */
export const useRevokeShareLink = () => useMutation((id: string) => call(api['share-links'][':id'].$delete({ param: { id } })));
/** `GET /api/v1/shared/:token`: no session, the token is the credential. */
export const useSharedView = (token: string) => useQuery(() => view(token), token);
