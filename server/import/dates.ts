import { offsetAt } from '../metrics/time-zone';

/**
 * Dates as exports write them, read by explicit formats only: `Date.parse` rejects the zone
 * names spreadsheets and exporters print (AST, ADT, AKST, HST, NST…) and reads a time without
 * a zone in the server's own zone, so the same file would import differently per machine.
 *
 * - Unix time: 9–11 digits are seconds, 12–14 milliseconds (Delighted writes seconds).
 * - `YYYY-MM-DD`, optionally `T` or a space and `HH:MM[:SS[.fff]]`, optionally a zone:
 *   `Z`, `±HH[:MM]`, `±HHMM`, `UTC`/`GMT` with or without an offset (`GMT+2`, `UTC-03:30`),
 *   or a North American abbreviation as Intl's `en-US`/`en-CA` short names print them
 *   (Formbricks: `2026-10-09 12:26:06 ADT`).
 * - Without a zone, the wall-clock time is read in `timeZone` (the workspace's, else UTC);
 *   a date alone is the start of that day there.
 */
export function parseDate(value: string, timeZone = 'UTC'): number | null {
  const v = value.trim();
  if (/^\d{9,11}$/.test(v)) return Number(v) * 1000;
  if (/^\d{12,14}$/.test(v)) return Number(v);
  const m = DATE_TIME.exec(v);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) return null;
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]) + Math.round(Number(`0.${frac || '0'}`) * 1000);
  // Date.UTC rolls 31 February into March: a day the month does not have is not a date.
  if (new Date(wall).getUTCDate() !== fields[2]) return null;
  if (zone === undefined) return fromWallClock(wall, timeZone);
  const offset = zoneOffset(zone);
  return offset === null ? null : wall - offset;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?))?$/;

const HOUR = 3_600_000;
/** Abbreviations Intl prints for North American zones (elsewhere it prints `GMT+n`). */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0,
  NST: -3.5, NDT: -2.5, AST: -4, ADT: -3, EST: -5, EDT: -4, CST: -6, CDT: -5,
  MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8, HST: -10, HDT: -9,
};

/** A zone as written after the time, as an offset from UTC in ms, or null when unknown. */
function zoneOffset(zone: string): number | null {
  const m = /^([A-Za-z]*)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(zone);
  if (!m) return null;
  const [, name = '', sign, hh, mm] = m;
  const base = name === '' ? 0 : ABBREVIATIONS[name.toUpperCase()];
  if (base === undefined) return null;
  // An offset after a name is only meaningful after UTC / GMT ("GMT+2"), not after "EST+1".
  if (sign && name !== '' && base !== 0) return null;
  const extra = sign ? (sign === '-' ? -1 : 1) * (Number(hh) * HOUR + Number(mm ?? 0) * 60_000) : 0;
  if (Math.abs(extra) > 14 * HOUR) return null;
  return base * HOUR + extra;
}

/** The instant a wall-clock time (as if UTC) shows in `tz`; in a DST gap, the later side. */
function fromWallClock(wall: number, tz: string): number {
  if (tz === 'UTC') return wall;
  const first = wall - offsetAt(tz, wall);
  return wall - offsetAt(tz, first);
}
