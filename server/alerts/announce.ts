import type { Db } from '../../db/client';
import type { Alert } from '../../db/schema';
import { serializeAlert } from '../queries/alerts';
import { dispatch } from '../webhooks/dispatch';
import type { DeliveryOptions } from '../webhooks/deliver';

/**
 * Sends `alert.triggered` to the workspace's subscribed webhooks: `{ alert, …extra }` as
 * JSON, or `text` (the alert's message by default) in the Slack format.
 */
export function announceAlert(db: Db, alert: Alert, opts: DeliveryOptions, extra: Record<string, unknown> = {}, text = alert.message): Promise<void> {
  return dispatch(db, alert.workspaceId, [{ event: 'alert.triggered', data: { alert: serializeAlert(alert), ...extra }, text: `Alert: ${text}` }], opts);
}
