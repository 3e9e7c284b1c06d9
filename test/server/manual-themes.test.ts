import { describe, expect, it } from 'vitest';
import type { ResponseAnalysis } from '../../db/schema';
import { applyManualTheme, keepManualThemes } from '../../server/services/manual-themes';
import { byCategory, trendFlag } from '../../admin/lib/theme-view';

const sentiment = { score: -0.4, label: 'negative' as const, explanation: [] };
const engine = (...keys: string[]): ResponseAnalysis => ({ sentiment, themes: keys.map((key) => ({ key, label: key, keywords: [key], source: 'keywords' as const, sentiment: -0.5 })) });

describe("people's theme decisions on a comment", () => {
  it('adds a theme as manual, keeping the engine’s aspect sentiment when it found the theme too', () => {
    const added = applyManualTheme(engine('wait'), 'refunds', { label: 'Refunds', category: 'Billing' });
    expect(added.themes.at(-1)).toEqual({ key: 'refunds', label: 'Refunds', keywords: [], category: 'Billing', source: 'manual' });
    const confirmed = applyManualTheme(engine('wait'), 'wait', { label: 'Wait', category: null });
    expect(confirmed.themes).toEqual([{ key: 'wait', label: 'wait', keywords: ['wait'], source: 'manual', sentiment: -0.5 }]);
  });

  it('survive re-analysis: a removed theme stays out, an added one stays in, and undoing a removal forgets it', () => {
    let a = applyManualTheme(engine('wait', 'staff'), 'staff', null);
    a = applyManualTheme(a, 'refunds', { label: 'Refunds', category: null });
    const again = keepManualThemes(engine('wait', 'staff'), a);
    expect(again.themes.map((t) => [t.key, t.source])).toEqual([['wait', 'keywords'], ['refunds', 'manual']]);
    expect(again.removedThemes).toEqual(['staff']);
    const undone = applyManualTheme(again, 'staff', { label: 'Staff', category: null });
    expect(undone.removedThemes).toBeUndefined();
    expect(keepManualThemes(engine('wait'), undone).themes.map((t) => t.key)).toEqual(['wait', 'refunds', 'staff']);
    expect(keepManualThemes(engine('wait'), null)).toEqual(engine('wait'));
  });
});

describe('the Themes page’s reading of trends and categories', () => {
  const b = (mentions: number, share: number | null = mentions / 100, significant = false) => ({ mentions, share, change: { delta: 0.1, significant } });
  it('marks new and rising themes, and leaves quiet or steady ones alone', () => {
    expect(trendFlag([b(0), b(0), b(0), b(4), b(6)])).toBe('new');
    expect(trendFlag([b(5), b(5), b(5), b(10)])).toBe('rising');
    expect(trendFlag([b(5), b(5), b(6, 0.06, true)])).toBe('rising');
    expect(trendFlag([b(5), b(5), b(5), b(6)])).toBeNull();
    expect(trendFlag([b(0), b(0), b(1), b(1)])).toBeNull();
    expect(trendFlag([])).toBeNull();
  });

  it('groups themes under categories, busiest first, uncategorised last', () => {
    const g = byCategory([
      { key: 'a', category: null, mentions: 50 },
      { key: 'b', category: 'Support', mentions: 5 },
      { key: 'c', category: 'Billing', mentions: 9 },
      { key: 'd', category: 'Support', mentions: 7 },
    ]);
    expect(g.map((x) => [x.category, x.mentions, x.themes.map((t) => t.key)])).toEqual([
      ['Support', 12, ['d', 'b']],
      ['Billing', 9, ['c']],
      [null, 50, ['a']],
    ]);
  });
});
