import { describe, expect, it } from 'vitest';
import { applyTaxonomy, assignThemes, type ThemeDefinition } from '../../server/analysis/index.js';

const discovered: ThemeDefinition[] = [
  { key: 'refund', label: 'refund', keywords: ['refund', 'money back'] },
  { key: 'refund-request', label: 'refund request', keywords: ['refund request', 'request'] },
  { key: 'delivery', label: 'delivery', keywords: ['delivery', 'courier'] },
  { key: 'thanks-guys', label: 'thanks guys', keywords: ['guys'] },
];

describe('applyTaxonomy', () => {
  it('returns discovery unchanged when nothing is curated', () => {
    expect(applyTaxonomy(discovered, [])).toEqual(discovered);
  });

  it('renames a theme but keeps its key', () => {
    const out = applyTaxonomy(discovered, [{ key: 'delivery', label: 'Shipping & delivery' }]);
    expect(out.find((t) => t.key === 'delivery')?.label).toBe('Shipping & delivery');
  });

  it('merges a theme into another, keywords included', () => {
    const out = applyTaxonomy(discovered, [{ key: 'refund-request', mergedInto: 'refund' }]);
    expect(out.map((t) => t.key)).not.toContain('refund-request');
    expect(out.find((t) => t.key === 'refund')?.keywords).toEqual(['refund', 'money back', 'refund request', 'request']);
    expect(assignThemes('I sent a refund request', out)[0]?.key).toBe('refund');
  });

  it('follows merge chains and survives cycles', () => {
    const chain = applyTaxonomy(discovered, [
      { key: 'refund-request', mergedInto: 'refund' }, { key: 'refund', mergedInto: 'delivery' },
    ]);
    expect(chain.map((t) => t.key)).toEqual(['delivery', 'thanks-guys']);
    const cycle = applyTaxonomy(discovered, [{ key: 'refund', mergedInto: 'delivery' }, { key: 'delivery', mergedInto: 'refund' }]);
    expect(cycle.length).toBeGreaterThan(0);
  });

  it('hides a theme', () => {
    const out = applyTaxonomy(discovered, [{ key: 'thanks-guys', hidden: true }]);
    expect(out.map((t) => t.key)).not.toContain('thanks-guys');
  });

  it('pins keywords first, and keeps a pinned theme discovery did not find', () => {
    const out = applyTaxonomy(discovered, [
      { key: 'delivery', pinnedKeywords: ['late parcel'] },
      { key: 'pricing', label: 'Pricing', pinnedKeywords: ['price', 'expensive'] },
    ]);
    expect(out.find((t) => t.key === 'delivery')?.keywords[0]).toBe('late parcel');
    expect(out.find((t) => t.key === 'pricing')).toEqual({ key: 'pricing', label: 'Pricing', keywords: ['price', 'expensive'] });
    expect(assignThemes('my parcel is late, the late parcel again', out)[0]?.keywords).toContain('late parcel');
    expect(assignThemes('way too expensive', out)[0]?.key).toBe('pricing');
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(discovered);
    applyTaxonomy(discovered, [{ key: 'refund', pinnedKeywords: ['x'] }, { key: 'refund-request', mergedInto: 'refund' }]);
    expect(discovered).toEqual(copy);
  });
});
