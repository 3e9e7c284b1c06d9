import { api, call, currentWorkspace } from '../api';
import { useMutation, useQuery } from './query';

const get = (week: string | undefined) => call(api.digest.$get({ query: week ? { week } : {} }));
export type Digest = Awaited<ReturnType<typeof get>>;
const subscription = () => call(api.digest.subscription.$get());

/** `GET /api/v1/digest`: the week's digest (default the last complete week). */
export const useDigest = (week: string | undefined) => useQuery(() => get(week), `${currentWorkspace()}:digest:${week ?? ''}`);

/** `POST /api/v1/digest/send`: emails it now to the opted-in members (and digest webhooks). */
export const useSendDigest = () => useMutation((week: string | undefined) => call(api.digest.send.$post({ query: week ? { week } : {} })));

/** The signed-in member's own digest email subscription. */
export const useDigestSubscription = (version = 0) => useQuery(subscription, `${currentWorkspace()}:digest-subscription:${version}`);
export const useSetDigestSubscription = () => useMutation((subscribed: boolean) => call(api.digest.subscription.$put({ json: { subscribed } })));
