// Pure helpers of the Themes page: the category hierarchy, new and rising themes, and how
// numbers read. Kept apart from the components so that they are easy to test.

/** A bucket of a theme's trend, as /api/v1/metrics/themes returns it. */
export interface TrendBucket { mentions: number; share: number | null; change: { delta: number; significant: boolean } | null }

export const signed = (v: number, digits = 1): string => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;
export const sentimentClass = (v: number | null): string => (v === null ? '' : v >= 0.15 ? 'positive' : v <= -0.15 ? 'negative' : 'neutral');
export const percent = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`);

/** Fewer mentions than this in the latest bucket and a theme is neither new nor rising. */
const MIN_RECENT = 3;

/**
 * `new`: no mention before the last two buckets, and some now. `rising`: the share in the
 * last bucket is significantly up on the previous one, or at least half as much again.
 */
export function trendFlag(buckets: readonly TrendBucket[]): 'new' | 'rising' | null {
  const last = buckets.at(-1);
  const prev = buckets.at(-2);
  if (!last || last.mentions + (prev?.mentions ?? 0) < MIN_RECENT) return null;
  const earlier = buckets.slice(0, -2);
  if (earlier.length > 0 && earlier.every((b) => b.mentions === 0)) return 'new';
  if (!prev || last.mentions < MIN_RECENT) return null;
  if (last.change?.significant && last.change.delta > 0) return 'rising';
  if (last.share !== null && prev.share !== null && prev.share > 0 && last.share >= 1.5 * prev.share) return 'rising';
  return null;
}

export interface Grouped<T> { category: string | null; mentions: number; themes: T[] }

/** Themes under their categories, busiest category first; uncategorised themes last. */
export function byCategory<T extends { category: string | null; mentions: number }>(themes: readonly T[]): Grouped<T>[] {
  const groups = new Map<string | null, Grouped<T>>();
  for (const t of themes) {
    const g = groups.get(t.category) ?? { category: t.category, mentions: 0, themes: [] };
    g.mentions += t.mentions;
    g.themes.push(t);
    groups.set(t.category, g);
  }
  for (const g of groups.values()) g.themes.sort((a, b) => b.mentions - a.mentions);
  return [...groups.values()].sort((a, b) => (a.category === null ? 1 : b.category === null ? -1 : b.mentions - a.mentions));
}
