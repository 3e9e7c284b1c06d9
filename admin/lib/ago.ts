const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];
const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/**
 * How long ago an ISO time was, in the largest whole unit ("3 min. ago", "yesterday").
 *
 * @example ago('2026-12-01T10:00:00Z', Date.parse('2026-12-01T10:03:00Z')) // "3 min. ago"
 */
export function ago(iso: string, now = Date.now()): string {
  const ms = Math.max(0, now - Date.parse(iso));
  for (const [unit, size] of units) if (ms >= size) return format.format(-Math.floor(ms / size), unit);
  return 'just now';
}
