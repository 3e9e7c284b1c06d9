import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function analyze(input: string): { lines: string[]; stderr: string; status: number | null } {
  const run = spawnSync('npx', ['tsx', 'scripts/analyze.ts'], {
    cwd: root, input, encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
  return { lines: run.stdout.split('\n').filter((l, i, all) => i < all.length - 1 || l !== ''), stderr: run.stderr, status: run.status };
}

describe('analyze CLI', () => {
  it('writes exactly one JSON object per input line, in order, and nothing else', () => {
    const input = ['I love this app!', '', 'Refund still not here, terrible support', 'card payment declined again', 'card payment declined at the shop', 'still waiting for my refund'].join('\n') + '\n';
    const { lines, status } = analyze(input);
    expect(status).toBe(0);
    expect(lines).toHaveLength(6);
    const objects = lines.map((l) => JSON.parse(l) as {
      sentiment: { score: number; label: string; explanation: { term: string; weight: number }[] };
      themes: { label: string; category: string | null; keywords: string[]; sentiment: number }[];
    });
    for (const o of objects) {
      expect(o.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(o.sentiment.score).toBeLessThanOrEqual(1);
      expect(['negative', 'neutral', 'positive']).toContain(o.sentiment.label);
      expect(Array.isArray(o.sentiment.explanation)).toBe(true);
      expect(Array.isArray(o.themes)).toBe(true);
      for (const t of o.themes) {
        expect(Object.keys(t).sort()).toEqual(['category', 'keywords', 'label', 'sentiment']);
        expect(t.sentiment).toBeGreaterThanOrEqual(-1);
        expect(t.sentiment).toBeLessThanOrEqual(1);
      }
    }
    expect(objects[0]?.sentiment.label).toBe('positive');
    expect(objects[1]).toEqual({ sentiment: { score: 0, label: 'neutral', explanation: [] }, themes: [] });
    expect(objects[2]?.sentiment.label).toBe('negative');
  }, 30_000);

  it('handles a last line without newline, CRLF, and empty input', () => {
    expect(analyze('good\r\nbad').lines).toHaveLength(2);
    expect(analyze('').lines).toHaveLength(0);
    expect(analyze('\n').lines).toHaveLength(1);
  }, 30_000);
});
