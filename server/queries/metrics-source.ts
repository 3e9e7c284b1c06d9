import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Workspace } from '../../db/schema';
import { ApiError } from '../errors';
import { bucketCount, planBuckets, splitByDay, type Bucket, type BucketKind, type Span } from '../metrics/buckets';
import { isoDate, localDay } from '../metrics/time-zone';
import type { MetricsQuery } from '../schemas/metrics';
import { segmentSql } from './segment-sql';
import { extraKey, fieldNames, rawSource, rollupTable, segmentRollupTable, selectList, type Kind } from './metrics-sql';
import { MAX_SEGMENT_VALUES, segmentState } from '../services/segments';

/** A resolved metrics request: workspace, filters and the buckets to read. */
export interface MetricsScope {
  workspaceId: string;
  touchpointId: string | undefined;
  surveyId: string | undefined;
  attribute: { key: string; value: string } | undefined;
  tz: string;
  bucket: BucketKind;
  from: string;
  to: string;
  buckets: Bucket[];
  hourAligned: boolean;
  /** True when the attribute filter is a ready segment key: main and CPI sums read its segment rollups. */
  segment?: boolean;
}

/** Days covered when `from` is omitted, ending at `to`: enough points for a readable trend. */
const defaultDays: Record<BucketKind, number> = { day: 30, week: 91, month: 365 };
/** Bounds the work per request: latency grows with buckets, so buckets are capped. */
export const MAX_BUCKETS = 1000;

export function resolveScope(workspace: Workspace, q: MetricsQuery, now = Date.now()): MetricsScope {
  const tz = q.tz ?? workspace.timezone;
  const to = q.to ?? localDay(tz, now);
  const from = q.from ?? to - defaultDays[q.bucket] + 1;
  if (from > to) throw new ApiError(400, 'invalid_range', `"from" (${isoDate(from)}) is after "to" (${isoDate(to)})`);
  const count = bucketCount(q.bucket, from, to);
  if (count > MAX_BUCKETS) {
    throw new ApiError(400, 'range_too_large', `That range has ${count} ${q.bucket} buckets; at most ${MAX_BUCKETS} are allowed. Use a larger bucket or a shorter range.`);
  }
  const plan = planBuckets(tz, q.bucket, from, to);
  return {
    workspaceId: workspace.id,
    touchpointId: q.touchpoint,
    surveyId: q.survey,
    attribute: q.attribute,
    tz,
    bucket: q.bucket,
    from: isoDate(from),
    to: isoDate(to),
    buckets: plan.buckets,
    hourAligned: plan.hourAligned,
  };
}

/**
 * `s` reading segment rollups when its attribute filter is a segment key whose backfill is
 * done and whose value is counted as itself (a value not kept while the key has room has
 * no responses at all, so its rollups are rightly empty).
 */
export async function withSegments(db: Db, s: MetricsScope): Promise<MetricsScope> {
  if (!s.attribute) return s;
  const key = (await segmentState(db, s.workspaceId)).keys.find((k) => k.key === s.attribute!.key);
  const ready = key?.ready === true && key.values !== null && (key.values.includes(s.attribute.value) || key.values.length < MAX_SEGMENT_VALUES);
  return ready ? { ...s, segment: true } : s;
}

/** The part of every response that echoes what was measured. */
export const describeScope = (s: MetricsScope) => ({
  filters: { touchpoint: s.touchpointId ?? null, survey: s.surveyId ?? null, attribute: s.attribute ?? null },
  from: s.from,
  to: s.to,
  bucket: s.bucket,
  timeZone: { name: s.tz, hourAligned: s.hourAligned },
  source: s.attribute && !s.segment ? ('responses' as const) : ('rollups' as const),
});

export type Row<F extends string> = Record<F, number> & { bucket: number; touchpointId: string; key: string };

/**
 * Sums one rollup kind per bucket (and per touchpoint and CPI / theme key when asked) over
 * `ranges` of UTC hours (the buckets by default). Reads whole UTC days from the day rollups
 * and the rest from the hourly ones; with an attribute filter, aggregates the raw responses
 * in the same hours through the (workspace, created_at) indexes instead. One statement
 * whatever the number of buckets: the spans travel as JSON parameters.
 */
export async function aggregate<F extends string>(
  db: Db,
  s: MetricsScope,
  kind: Kind,
  opts: {
    byTouchpoint?: boolean;
    ranges?: { fromHour: number; toHour: number }[];
    fields?: readonly F[];
    /** A ready segment key and its values: rows per value (in `key`, in place of the CPI id) from its segment rollups. */
    bySegment?: { key: string; values: readonly string[] };
  } = {},
): Promise<Row<F>[]> {
  const ranges = opts.ranges ?? s.buckets;
  const segment = opts.bySegment !== undefined ? { key: opts.bySegment.key, value: null } : s.segment === true && kind !== 'theme' ? { key: s.attribute!.key, value: s.attribute!.value } : null;
  const raw = s.attribute !== undefined && segment === null;
  const extra = extraKey[kind];
  const key = opts.bySegment !== undefined ? sql.raw('r.segment_value') : extra ? sql.raw(raw ? extra[1] : extra[0]) : sql`''`;
  const tp = opts.byTouchpoint ? sql.raw('r.touchpoint_id') : sql`''`;
  const bucket = sql.raw(`json_extract(b.value, '$[0]')`);
  const lo = sql.raw(`json_extract(b.value, '$[1]')`);
  const hi = sql.raw(`json_extract(b.value, '$[2]')`);
  const filters: SQL[] = [sql`r.workspace_id = ${s.workspaceId}`];
  if (s.touchpointId) filters.push(sql`r.touchpoint_id = ${s.touchpointId}`);
  if (s.surveyId) filters.push(sql`r.survey_id = ${s.surveyId}`);
  // Every value named, so that the index is sought per value and hour range instead of scanning the key's rows.
  if (segment) {
    filters.push(
      segment.value === null
        ? sql`r.segment_key = ${segment.key} AND r.segment_value IN (SELECT value FROM json_each(${JSON.stringify(opts.bySegment!.values)}))`
        : sql`r.segment_key = ${segment.key} AND r.segment_value = ${segment.value}`,
    );
  }
  const where = (extraFilters: SQL[]) => sql.join([...filters, ...extraFilters], sql` AND `);
  // CROSS JOIN fixes the loop order: spans outside, an index range scan per span inside.
  const part = (spans: Span[], from: string, inSpan: SQL, source: 'rollups' | 'raw', more: SQL[] = [], sign: 1 | -1 = 1) =>
    sql`SELECT ${bucket} AS "bucket", ${tp} AS "touchpointId", ${key} AS "key", ${selectList(kind, source, opts.fields, sign)}
      FROM json_each(${JSON.stringify(spans)}) b CROSS JOIN ${sql.raw(from)}
      WHERE ${where([inSpan, ...more])}
      GROUP BY 1, 2, 3`;

  if (raw) {
    const hours: Span[] = ranges.map((r, i) => [i, r.fromHour, r.toHour]);
    const attribute = sql`${attributeText(s.attribute!.key)} = ${s.attribute!.value}`;
    return db.all<Row<F>>(part(hours, rawSource[kind], sql`r.created_at >= ${lo} * 3600000 AND r.created_at < ${hi} * 3600000`, 'raw', [attribute]));
  }
  const { days, addHours, subtractHours } = splitByDay(ranges);
  const names = fieldNames(kind, opts.fields);
  const tables = segment ? segmentRollupTable : rollupTable;
  const hourly = `${tables.hour[kind]} r`;
  const inHours = sql`r.hour >= ${lo} AND r.hour < ${hi}`;
  const rows = await db.all<Row<F>>(sql`SELECT "bucket", "touchpointId", "key", ${sql.raw(names.map((name) => `sum("${name}") AS "${name}"`).join(', '))} FROM (
      ${part(days, `${tables.day[kind]} r`, sql`r.day >= ${lo} AND r.day < ${hi}`, 'rollups')}
      UNION ALL ${part(addHours, hourly, inHours, 'rollups')}
      UNION ALL ${part(subtractHours, hourly, inHours, 'rollups', [], -1)}
    ) GROUP BY 1, 2, 3`);
  // A key whose hours were all taken away nets to zero; it has no responses in the bucket.
  return rows.filter((r) => names.some((name) => Number((r as Record<string, unknown>)[name]) !== 0));
}

/**
 * The text form of one attribute of response `r` (null when absent). Values may be strings,
 * numbers or booleans; `true` / `false` for booleans, `10` for the number 10. `key` must be
 * URL-safe (validated by the schemas) since it becomes a JSON path.
 */
export const attributeText = (key: string): SQL => sql.raw(segmentSql(key));

/** Adds up rows field by field (counts only, so the total is exact); fields not read count 0. */
export function sumRows<F extends string>(rows: readonly Record<F, number>[], fields: readonly F[]): Record<F, number> {
  const out = Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>;
  for (const r of rows) for (const f of fields) out[f] += Number(r[f] ?? 0);
  return out;
}

/** Groups rows by a key; each group keeps its rows in bucket order. */
export function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
