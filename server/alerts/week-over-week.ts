import type { Db } from '../../db/client';
import type { AlertRule, Workspace } from '../../db/schema';
import type { Change } from '../metrics/nps';
import { getNps } from '../queries/metrics';
import { getCpiMatrix } from '../queries/metrics-cpi';
import { getThemes } from '../queries/metrics-themes';
import { resolveScope } from '../queries/metrics-source';
import type { NewAlert } from '../queries/alerts';
import { comparedWeeks } from './weeks';

/** One figure compared across the two weeks, and whether it meets the rule's condition. */
export interface Observation {
  /** The CPI or theme compared; null for NPS. */
  subject: { cpiId: string; name: string } | { themeKey: string; label: string } | null;
  before: Record<string, number | boolean | null>;
  after: Record<string, number | boolean | null>;
  /** The change (in NPS points, or percentage points for shares) and its significance; null when a week has no answers. */
  change: Change | null;
  /** Significant at 95 % in the direction the rule watches (a drop, or a spike for themes). */
  triggered: boolean;
}

export interface WeekOverWeek {
  previousWeek: string;
  week: string;
  observations: Observation[];
  /** An alert for each triggered observation, not yet stored. */
  alerts: Omit<NewAlert, 'ruleId'>[];
}

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(100 * x)} %`);
const num = (x: number | null) => (x === null ? '–' : `${Math.round(x)}`);
const signed = (x: number) => `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;

/**
 * Compares the last complete week with the one before at the rule's touchpoint, in the
 * workspace's time zone, through the metrics queries, so an alert says exactly what the
 * dashboard's significance flag says for the same two weeks (including its minimum sample).
 */
export async function evaluateWeekOverWeek(db: Db, workspace: Workspace, rule: AlertRule, touchpointName: string, now = Date.now()): Promise<WeekOverWeek> {
  const weeks = comparedWeeks(workspace.timezone, now);
  const scope = resolveScope(workspace, { bucket: 'week', from: weeks.from, to: weeks.to, touchpoint: rule.touchpointId }, now);
  const at = `at ${touchpointName}, week of ${weeks.week}`;
  const observations: Observation[] = [];
  const alerts: Omit<NewAlert, 'ruleId'>[] = [];
  const add = (o: Observation, key: string, message: string) => {
    observations.push(o);
    if (o.triggered) alerts.push({ kind: rule.kind, touchpointId: rule.touchpointId, conditionKey: key, message, details: { previousWeek: weeks.previousWeek, week: weeks.week, ...o } });
  };

  if (rule.kind === 'nps_drop') {
    const [a, b] = (await getNps(db, scope)).buckets;
    const stat = (x: typeof a) => ({ nps: x?.nps ?? null, margin: x?.margin ?? null, n: x?.n ?? 0, promoters: x?.promoters ?? 0, passives: x?.passives ?? 0, detractors: x?.detractors ?? 0 });
    const change = b?.change ?? null;
    const o = { subject: null, before: stat(a), after: stat(b), change, triggered: !!change?.significant && change.delta < 0 };
    add(o, `week:${weeks.week}`, `NPS dropped significantly ${at}: ${num(o.before.nps)} → ${num(o.after.nps)} (${signed(change?.delta ?? 0)} points; n ${o.before.n} → ${o.after.n})`);
  } else if (rule.kind === 'cpi_drop') {
    const matrix = await getCpiMatrix(db, scope);
    const names = new Map(matrix.cpis.map((c) => [c.id, c.name]));
    for (const cell of matrix.cells) {
      if (cell.touchpointId !== rule.touchpointId || (rule.cpiId && cell.cpiId !== rule.cpiId)) continue;
      const [a, b] = cell.buckets;
      const stat = (x: typeof a) => ({ attainment: x?.attainment ?? null, attained: x?.attained ?? 0, answered: x?.answered ?? 0 });
      const change = b?.change ?? null;
      const name = names.get(cell.cpiId) ?? cell.cpiId;
      const o = { subject: { cpiId: cell.cpiId, name }, before: stat(a), after: stat(b), change, triggered: !!change?.significant && change.delta < 0 };
      add(o, `week:${weeks.week}:cpi:${cell.cpiId}`, `“${name}” attainment dropped significantly ${at}: ${pct(o.before.attainment)} → ${pct(o.after.attainment)} (${signed(change?.delta ?? 0)} points; n ${o.before.answered} → ${o.after.answered})`);
    }
  } else if (rule.kind === 'theme_spike') {
    for (const theme of (await getThemes(db, scope)).themes) {
      if (rule.themeKey && theme.key !== rule.themeKey) continue;
      const [a, b] = theme.buckets;
      const stat = (x: typeof a) => ({ share: x?.share ?? null, mentions: x?.mentions ?? 0, comments: x?.comments ?? 0 });
      const change = b?.change ?? null;
      const o = { subject: { themeKey: theme.key, label: theme.label }, before: stat(a), after: stat(b), change, triggered: !!change?.significant && change.delta > 0 };
      add(o, `week:${weeks.week}:theme:${theme.key}`, `Theme “${theme.label}” spiked ${at}: ${pct(o.before.share)} → ${pct(o.after.share)} of comments (${signed(change?.delta ?? 0)} points; ${o.before.comments} → ${o.after.comments} comments)`);
    }
  }
  return { previousWeek: weeks.previousWeek, week: weeks.week, observations, alerts };
}
