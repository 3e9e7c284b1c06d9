import type { ResponseAnalysis, Theme } from '../../db/schema';
import type { ThemeMatch } from '../analysis';

/**
 * The engine's fresh analysis with the themes people decided on kept: a theme a person
 * added stays (as 'manual', with the engine's aspect sentiment when it found the theme too),
 * and one a person removed never comes back.
 */
export function keepManualThemes(fresh: ResponseAnalysis, previous: ResponseAnalysis | null): ResponseAnalysis {
  const removed = previous?.removedThemes ?? [];
  const manual = (previous?.themes ?? []).filter((t) => t.source === 'manual');
  if (removed.length === 0 && manual.length === 0) return fresh;
  const themes: ThemeMatch[] = fresh.themes
    .filter((t) => !removed.includes(t.key))
    .map((t) => (manual.some((m) => m.key === t.key) ? { ...t, source: 'manual' as const } : t));
  for (const m of manual) if (!themes.some((t) => t.key === m.key)) themes.push(m);
  return { ...fresh, themes, ...(removed.length > 0 ? { removedThemes: removed } : {}) };
}

/** The analysis after a person added (`theme` given) or removed (`theme` null) theme `key`. */
export function applyManualTheme(analysis: ResponseAnalysis, key: string, theme: Pick<Theme, 'label' | 'category'> | null): ResponseAnalysis {
  const removedThemes = (analysis.removedThemes ?? []).filter((k) => k !== key);
  if (theme === null) {
    return { ...analysis, themes: analysis.themes.filter((t) => t.key !== key), removedThemes: [...removedThemes, key] };
  }
  const found = analysis.themes.find((t) => t.key === key);
  const manual: ThemeMatch = found
    ? { ...found, source: 'manual' }
    : { key, label: theme.label, keywords: [], ...(theme.category ? { category: theme.category } : {}), source: 'manual' };
  const themes = found ? analysis.themes.map((t) => (t.key === key ? manual : t)) : [...analysis.themes, manual];
  const { removedThemes: _, ...rest } = analysis;
  return { ...rest, themes, ...(removedThemes.length > 0 ? { removedThemes } : {}) };
}
