import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { jsonBodies, managed } from '../middleware/managed';
import { ApiError } from '../errors';
import { present } from '../queries/present';
import { serializeAlert } from '../queries/alerts';
import { idParam } from '../schemas/management';
import { alertRuleInput, alertRulePatch } from '../schemas/alerts';
import { alert, alertRule } from '../schemas/resources';
import { bodyErrors, errors, json, jsonBody, listOf, managedErrors, noContent } from '../openapi/responses';
import { createAlertRule, deleteAlertRule, getAlertRule, isPerResponse, listAlertRules, updateAlertRule } from '../queries/alert-rules';
import { checkRule } from '../alerts/evaluate';
import { announceAlert } from '../alerts/announce';
import { forgetListenersOnWrite } from '../webhooks/listeners';

const measure = z.record(z.string(), z.union([z.number(), z.boolean(), z.null()]));
const checkResult = z
  .object({
    rule: alertRule,
    dryRun: z.boolean().describe('True for an inactive rule: nothing was raised or sent'),
    previousWeek: z.string().optional().describe('Week-over-week rules: the weeks compared'),
    week: z.string().optional(),
    day: z.string().optional().describe('Anomaly rules: the day judged'),
    observations: z.array(
      z.object({
        subject: z.union([z.object({ cpiId: z.string(), name: z.string() }), z.object({ themeKey: z.string(), label: z.string() })]).nullable(),
        before: measure,
        after: measure,
        change: z.object({ delta: z.number(), z: z.number().nullable(), significant: z.boolean() }).nullable(),
        triggered: z.boolean(),
      }),
    ),
    raised: z.array(alert),
  })
  .meta({ id: 'AlertRuleCheck' });

/** Alert rules per touchpoint: editors write them, viewers read them (see README "Alerts"). */
export const alertRuleRoutes = managed('editor', jsonBodies, forgetListenersOnWrite)
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Alert rules per touchpoint', responses: { 200: json(listOf(alertRule), 'The rules'), ...managedErrors } }),
    async (c) => c.json({ data: (await listAlertRules(c.var.db, c.var.workspace.id)).map(present) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create an alert rule: detractor, nps_drop, cpi_drop, theme_spike, anomaly or renewal_detractor at a touchpoint (editor)',
      request: { body: jsonBody(alertRuleInput) },
      responses: { 201: json(alertRule, 'The rule created'), ...bodyErrors },
    }),
    async (c) => c.json(present(await createAlertRule(c.var.db, c.var.workspace.id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', summary: 'One alert rule', request: { params: idParam }, responses: { 200: json(alertRule, 'The rule'), ...errors(400, 404), ...managedErrors } }),
    async (c) => c.json(present(await getAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Rename a rule or switch it on or off (editor)',
      request: { params: idParam, body: jsonBody(alertRulePatch) },
      responses: { 200: json(alertRule, 'The rule changed'), ...bodyErrors, ...errors(404) },
    }),
    async (c) => c.json(present(await updateAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a rule; its alerts stay listed (editor)',
      request: { params: idParam },
      responses: { ...noContent, ...errors(400, 404), ...managedErrors },
    }),
    async (c) => {
      await deleteAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  // Evaluates a week-over-week rule now instead of at its next scheduled check: what it
  // compares, what it sees, and the alerts it raised (webhooks go out after the answer).
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/check',
      summary: 'Evaluate a periodic rule (week-over-week or anomaly) now: the weeks compared, what it sees, the alerts raised (editor)',
      request: { params: idParam },
      responses: { 200: json(checkResult, 'What the rule compared and raised'), ...errors(400, 404, 409), ...managedErrors },
    }),
    async (c) => {
      const rule = await getAlertRule(c.var.db, c.var.workspace.id, c.req.valid('param').id);
      if (isPerResponse(rule.kind)) {
        throw new ApiError(409, 'not_periodic', 'Detractor and renewal-window rules alert as each detractor arrives; only periodic rules (week-over-week, anomaly) can be checked');
      }
      const result = await checkRule(c.var.db, c.var.workspace, rule);
      const db = c.var.db;
      const opts = c.var.webhooks;
      for (const raisedAlert of result.raised) c.var.background(() => announceAlert(db, raisedAlert, opts));
      const { alerts: _pending, raised, ...rest } = result;
      return c.json({ rule: present(rule), dryRun: !rule.active, ...rest, raised: raised.map(serializeAlert) }, 200);
    },
  );
