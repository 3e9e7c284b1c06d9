// The CX team's curation always wins over discovery: discovery re-runs as comments arrive, the
// curated taxonomy is what they have agreed on, so it is applied last and by stable key.
import type { ThemeDefinition } from './themes.js';

/** One curation decision about a theme, addressed by its key. */
export interface CuratedTheme {
  key: string;
  /** New display label. */
  label?: string;
  /** Keywords that always belong to the theme, placed first so they count most when matching. */
  pinnedKeywords?: string[];
  /** Hidden themes are dropped, and with them their keywords. */
  hidden?: boolean;
  /** Fold this theme into another: its keywords join the target's. */
  mergedInto?: string;
}

const dedupe = (words: string[]): string[] => {
  const seen = new Set<string>();
  return words.filter((w) => {
    const k = w.trim().toLowerCase();
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** Follow merge chains (a → b → c) to the theme that survives; cycles stop where they repeat. */
function resolveTarget(key: string, curated: ReadonlyMap<string, CuratedTheme>): string {
  const seen = new Set<string>();
  let current = key;
  while (!seen.has(current)) {
    seen.add(current);
    const next = curated.get(current)?.mergedInto;
    if (!next || next === current) break;
    current = next;
  }
  return current;
}

/**
 * Apply a curated taxonomy to discovered themes: rename, pin keywords, merge and hide.
 * Curated themes that discovery did not find (yet) still appear when they pin keywords,
 * so a theme the team relies on never vanishes because this week's comments lack it.
 *
 * @example
 * applyTaxonomy(discovered, [
 *   { key: 'refund', label: 'Refunds', pinnedKeywords: ['money back'] },
 *   { key: 'refund-request', mergedInto: 'refund' },
 *   { key: 'thanks', hidden: true },
 * ])
 */
export function applyTaxonomy(discovered: readonly ThemeDefinition[], curated: readonly CuratedTheme[]): ThemeDefinition[] {
  const byKey = new Map(curated.map((c) => [c.key, c]));
  const out = new Map<string, ThemeDefinition>();
  const ensure = (key: string, fallback?: ThemeDefinition): ThemeDefinition => {
    let theme = out.get(key);
    if (!theme) {
      const c = byKey.get(key);
      theme = {
        key, label: c?.label ?? fallback?.label ?? key, keywords: [...(c?.pinnedKeywords ?? [])],
        ...(fallback?.category ? { category: fallback.category } : {}), ...(fallback?.verbatims ? { verbatims: fallback.verbatims } : {}),
      };
      out.set(key, theme);
    }
    return theme;
  };
  // Curated themes with pinned keywords first, so they keep their order and their keywords lead.
  for (const c of curated) if (!c.mergedInto && c.pinnedKeywords?.length) ensure(c.key);
  for (const theme of discovered) {
    if (byKey.get(theme.key)?.hidden) continue;
    const target = resolveTarget(theme.key, byKey);
    const host = ensure(target, target === theme.key ? theme : discovered.find((d) => d.key === target) ?? theme);
    host.keywords.push(...theme.keywords);
  }
  return [...out.values()]
    .filter((t) => !byKey.get(t.key)?.hidden)
    .map((t) => ({ ...t, keywords: dedupe(t.keywords) }))
    .filter((t) => t.keywords.length > 0);
}
