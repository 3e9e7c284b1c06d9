import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// Size budgets, Preact and CSS included, gzip -9 as scripts/build.ts prints them.
// `npm test` builds first; these read what the build wrote to dist/public.
const out = resolve(import.meta.dirname, '../../dist/public');
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const KB = 1024;

describe('widget size budgets', () => {
  it('is built (run `npm run build` first; `npm test` does)', () => {
    expect(existsSync(join(out, 'widget.js'))).toBe(true);
  });

  it('the loader every page pays for stays ≤ 3 KB gzipped', () => {
    expect(gz(join(out, 'widget.js'))).toBeLessThanOrEqual(3 * KB);
  });

  it('the survey UI stays ≤ 10 KB gzipped, and the loader points at the one that was built', () => {
    const ui = readdirSync(join(out, 'widget')).filter((f) => /^ui\.[0-9a-f]+\.js$/.test(f));
    expect(ui).toHaveLength(1);
    expect(readFileSync(join(out, 'widget.js'), 'utf8')).toContain(`widget/${ui[0]}`);
    expect(gz(join(out, 'widget', ui[0]!))).toBeLessThanOrEqual(10 * KB);
  });
});
