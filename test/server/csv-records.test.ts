import { describe, expect, it } from 'vitest';
import { readRecords, type CsvRecord } from '../../server/import/csv-records';

const read = async (pieces: Iterable<string | Uint8Array>, max?: number) => {
  const out: CsvRecord[] = [];
  for await (const r of readRecords(pieces, max)) out.push(r);
  return out;
};
const chars = (s: string) => [...s];

describe('readRecords', () => {
  it('reads RFC 4180 records however the input is split', async () => {
    const csv = '\uFEFFa,b,c\r\n1,"x, ""y""",\n\n2,"multi\nline",z\n3,,""';
    const expected = [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', ''] },
      { line: 4, fields: ['2', 'multi\nline', 'z'] },
      { line: 6, fields: ['3', '', ''] },
    ];
    expect(await read([csv])).toEqual(expected);
    expect(await read(chars(csv))).toEqual(expected);
    expect(await read([new TextEncoder().encode(csv)])).toEqual(expected);
  });

  it('refuses a bad line on its own and reads on', async () => {
    const csv = ['h1,h2', 'ok,1', 'a"b,2', '"x"y,3', 'ok,4'].join('\n');
    const got = await read(chars(csv));
    expect(got).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['ok', '1'] },
      { line: 3, error: expect.stringMatching(/stray quote in column 1/) },
      { line: 4, error: expect.stringMatching(/after the closing quote of column 1/) },
      { line: 5, fields: ['ok', '4'] },
    ]);
  });

  it('refuses only the first line of a quote that never closes, and reads the lines it swallowed', async () => {
    const got = await read(['h\n"open,1\nnext,2\nlast,3\n']);
    expect(got).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, error: 'a quoted field that is never closed' },
      { line: 3, fields: ['next', '2'] },
      { line: 4, fields: ['last', '3'] },
    ]);
    const lines = Array.from({ length: 50 }, (_, i) => `row${i},${'x'.repeat(40)}`);
    const capped = await read([`h\n"open\n${lines.join('\n')}\n`], 1000);
    expect(capped[1]).toEqual({ line: 2, error: 'a quoted field that is not closed within 1000 characters' });
    expect(capped.slice(2)).toEqual(lines.map((l, i) => ({ line: i + 3, fields: l.split(',') })));
  });

  it('refuses an over-long line without holding it, and lines with binary content', async () => {
    const huge = 'y'.repeat(10_000);
    const pieces = ['h\nshort,1\n', ...Array.from({ length: 100 }, () => huge), '\nafter,2\n\u0000\u0001bin,3\n\xff,4\n'];
    expect(await read(pieces, 5000)).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: ['short', '1'] },
      { line: 3, error: 'the line is longer than 5000 characters' },
      { line: 4, fields: ['after', '2'] },
      { line: 5, error: expect.stringMatching(/control characters/) },
      { line: 6, fields: ['\xff', '4'] },
    ]);
    const invalidUtf8 = new Uint8Array([0x68, 0x0a, 0xc3, 0x28, 0x2c, 0x31, 0x0a, 0x6f, 0x6b, 0x0a]);
    expect(await read([invalidUtf8])).toEqual([{ line: 1, fields: ['h'] }, { line: 2, error: expect.stringMatching(/not UTF-8/) }, { line: 3, fields: ['ok'] }]);
  });
});
