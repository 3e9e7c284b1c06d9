import { api, call, currentWorkspace } from '../api';
import { useQuery } from './query';

export type AccountsQuery = NonNullable<Parameters<typeof api.accounts.$get>[0]>['query'];
const list = (query: AccountsQuery) => call(api.accounts.$get({ query }));
export type Accounts = Awaited<ReturnType<typeof list>>;
export type Account = Accounts['accounts'][number];

/** `GET /api/v1/accounts`: accounts with health, and the summary with ARR at risk. */
export const useAccounts = (q: AccountsQuery) => useQuery(() => list(q), `${currentWorkspace()}:accounts:${JSON.stringify(q)}`);
