// Date presets of the overview, resolved to local dates in the workspace's time zone, and the
// URL form of the period filters. Dates are ISO `YYYY-MM-DD` strings, both ends inclusive.

export const presets = { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', quarter: 'This quarter', ytd: 'Year to date', custom: 'Custom dates' } as const;
export type Preset = keyof typeof presets;
export const compareModes = { previous: 'Previous period', custom: 'Chosen period', none: 'No comparison' } as const;
export type CompareMode = keyof typeof compareModes;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Today's local date in `tz` (en-CA formats as YYYY-MM-DD). */
export const todayIn = (tz: string, now = Date.now()): string => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/**
 * The days a preset covers, ending today; null for custom (the filters' own dates).
 *
 * @example presetRange('30d', '2026-12-02') // { from: '2026-11-03', to: '2026-12-02' }
 */
export function presetRange(p: Preset, today: string): { from: string; to: string } | null {
  const t = ms(today);
  const d = new Date(t);
  switch (p) {
    case '7d':
    case '30d':
    case '90d':
      return { from: iso(t - (Number.parseInt(p, 10) - 1) * DAY), to: today };
    case 'quarter':
      return { from: iso(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1)), to: today };
    case 'ytd':
      return { from: iso(Date.UTC(d.getUTCFullYear(), 0, 1)), to: today };
    case 'custom':
      return null;
  }
}

/** Days in a range, both ends included: "vs the previous 30 days". */
export const rangeDays = (from: string, to: string): number => Math.round((ms(to) - ms(from)) / DAY) + 1;
