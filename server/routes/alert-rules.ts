import { managed } from '../middleware/managed';
import { validate } from '../validate';
import { ApiError } from '../errors';
import { present } from '../queries/present';
import { serializeAlert } from '../queries/alerts';
import { idParam } from '../schemas/management';
import { alertRuleInput, alertRulePatch } from '../schemas/alerts';
import { createAlertRule, deleteAlertRule, getAlertRule, isPerResponse, listAlertRules, updateAlertRule } from '../queries/alert-rules';
import { checkRule } from '../alerts/evaluate';
import { announceAlert } from '../alerts/announce';
import { forgetListenersOnWrite } from '../webhooks/listeners';

/** Alert rules per touchpoint: editors write them, viewers read them (see README "Alerts"). */
export const alertRuleRoutes = managed()
  .use(forgetListenersOnWrite)
  .get('/', async (c) => c.json({ data: (await listAlertRules(c.var.db, c.var.workspace.id)).map(present) }))
  .post('/', validate('json', alertRuleInput), async (c) => c.json(present(await createAlertRule(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201))
  .get('/:id', validate('param', idParam), async (c) => c.json(present(await getAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id))))
  .patch('/:id', validate('param', idParam), validate('json', alertRulePatch), async (c) =>
    c.json(present(await updateAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json')))),
  )
  .delete('/:id', validate('param', idParam), async (c) => {
    await deleteAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    return c.body(null, 204);
  })
  // Evaluates a week-over-week rule now instead of at its next scheduled check: what it
  // compares, what it sees, and the alerts it raised (webhooks go out after the answer).
  .post('/:id/check', validate('param', idParam), async (c) => {
    const rule = await getAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id);
    if (isPerResponse(rule.kind)) {
      throw new ApiError(409, 'not_periodic', 'Detractor and renewal-window rules alert as each detractor arrives; only periodic rules (week-over-week, anomaly) can be checked');
    }
    const result = await checkRule(c.var.db, c.var.workspace, rule);
    const db = c.var.db;
    const opts = c.var.webhooks;
    for (const alert of result.raised) c.var.background(() => announceAlert(db, alert, opts));
    const { alerts: _pending, raised, ...rest } = result;
    return c.json({ rule: present(rule), dryRun: !rule.active, ...rest, raised: raised.map(serializeAlert) });
  });
