import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';
import type { Role } from './use-session';

// Access management (owners): API keys, members, invitations — one hook per endpoint.
export type ApiKey = Awaited<ReturnType<typeof keys>>['data'][number];
export type Member = Awaited<ReturnType<typeof members>>['data'][number];
export type Invitation = Awaited<ReturnType<typeof invitations>>['data'][number];
const keys = () => call(api['api-keys'].$get());
const members = () => call(api.members.$get());
const invitations = () => call(api.invitations.$get());

/** `GET /api/v1/api-keys`. */
export const useApiKeys = (version = 0) => useQuery(keys, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/api-keys`: the answer carries the key, once. */
export const useCreateApiKey = () => useMutation((name: string, role: Role) => call(api['api-keys'].$post({ json: { name, role } })));
/** `DELETE /api/v1/api-keys/:id`. */
export const useRevokeApiKey = () => useMutation((id: string) => call(api['api-keys'][':id'].$delete({ param: { id } })));
/** `GET /api/v1/members`. */
export const useMembers = (version = 0) => useQuery(members, `${currentWorkspace()}:${version}`);
/** `PATCH /api/v1/members/:userId`. */
export const useSetMemberRole = () => useMutation((id: string, role: Role) => call(api.members[':id'].$patch({ param: { id }, json: { role } })));
/** `DELETE /api/v1/members/:userId`. */
export const useRemoveMember = () => useMutation((id: string) => call(api.members[':id'].$delete({ param: { id } })));
/** `GET /api/v1/invitations`. */
export const useInvitations = (version = 0) => useQuery(invitations, `${currentWorkspace()}:${version}`);
/** `POST /api/v1/invitations`: the answer carries the one-time link. */
export const useInvite = () => useMutation((email: string, role: Role) => call(api.invitations.$post({ json: { email, role } })));
/** `DELETE /api/v1/invitations/:id`. */
export const useCancelInvitation = () => useMutation((id: string) => call(api.invitations[':id'].$delete({ param: { id } })));
