import { describe, expect, it } from 'vitest';
import { csvCell } from '../../server/services/export';

describe('csvCell formula guard', () => {
  it.each([
    ['=HYPERLINK("http://x")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1)'],
    ['|cmd'],
    ['%0A'],
    [' =1+1'],
    ['\u00A0=1+1'],
    ['\u3000=1+1'],
    ['\n=1+1'],
    ['\r\n=1+1'],
    ['\t=1+1'],
    ['\tplain'],
    ['\u200B=1+1'],
    ['\u200C=1+1'],
    ['\u200D=1+1'],
    ['\uFEFF=1+1'],
    ['\u2060=1+1'],
    ['\u00AD=1+1'],
    ['\u200B \u200D\t=1+1'],
    ['＝1+1'],
    ['＋1'],
    ['－1'],
    ['＠SUM(A1)'],
    [' ＝1+1'],
  ])('guards %j', (text) => {
    const cell = csvCell(text);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(`'${text}`);
  });

  it.each([['plain text'], ['a=b'], ['Great, thanks'], ['1 + 1 = 2'], [' leading space'], ['\u200Bhidden']])('leaves %j alone', (text) => {
    const cell = csvCell(text);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(text);
  });

  it('leaves numbers alone, negative ones too', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(7)).toBe('7');
  });
});
