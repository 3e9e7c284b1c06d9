import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { accountsQuery } from '../schemas/accounts';
import { listAccounts } from '../queries/account-health';

/** Customer accounts with their health and revenue at risk (docs/METRICS.md, "Account health"). */
export const accountRoutes = managed().get('/', validate('query', accountsQuery), async (c) => c.json(await listAccounts(c.var.db, c.var.workspace, c.req.valid('query'))));
