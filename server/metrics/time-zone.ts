/**
 * Time-zone arithmetic on the built-in Intl data (present on Node and workerd), so no tz
 * database ships with the app.
 */
const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Whether `tz` is an IANA zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `ms`, in ms (e.g. +3 600 000 for Paris in winter). */
export function offsetAt(tz: string, ms: number): number {
  if (tz === 'UTC') return 0;
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The first instant of local day `day` (days since 1970-01-01 on the local calendar). When a
 * DST jump skips midnight the day starts at the jump; when midnight happens twice, at the
 * first one. Offsets lie within −12 h … +14 h, so both offsets that can apply at local
 * midnight are read 15 h before and 13 h after it.
 */
export function localDayStart(tz: string, day: number): number {
  const wall = day * 24 * HOUR;
  const before = offsetAt(tz, wall - 15 * HOUR);
  const after = offsetAt(tz, wall + 13 * HOUR);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t) => t + offsetAt(tz, t) >= wall);
  return Math.min(...candidates);
}

/** The local calendar day (days since 1970-01-01) that instant `ms` falls in. */
export const localDay = (tz: string, ms: number): number => Math.floor((ms + offsetAt(tz, ms)) / (24 * HOUR));

/** Days since the epoch → `YYYY-MM-DD`. */
export const isoDate = (day: number): string => new Date(day * 24 * HOUR).toISOString().slice(0, 10);

/** `YYYY-MM-DD` → days since the epoch, or null when it is not a real calendar date. */
export function parseIsoDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDate(ms / (24 * HOUR)) === s ? ms / (24 * HOUR) : null;
}
