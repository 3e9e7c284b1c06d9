import { describe, expect, it } from 'vitest';
import { parseDate } from '../../server/import/dates';
import { unguard } from '../../server/import/rows';

const utc = (s: string) => Date.parse(s);

describe('parseDate (imports)', () => {
  it('reads the zone names exporters print, which Date.parse rejects', () => {
    expect(parseDate('2026-10-09 12:26:06 UTC')).toBe(utc('2026-10-09T12:26:06Z'));
    expect(parseDate('2026-10-09 14:26:06 GMT+2')).toBe(utc('2026-10-09T12:26:06Z'));
    expect(parseDate('2026-10-09 17:56:06 GMT+5:30')).toBe(utc('2026-10-09T12:26:06Z'));
    expect(parseDate('2026-10-09 09:26:06 ADT')).toBe(utc('2026-10-09T12:26:06Z'));
    expect(parseDate('2026-01-15 08:26:06 AST')).toBe(utc('2026-01-15T12:26:06Z'));
    expect(parseDate('2026-01-15 03:26:06 AKST')).toBe(utc('2026-01-15T12:26:06Z'));
    expect(parseDate('2026-01-15 02:26:06 HST')).toBe(utc('2026-01-15T12:26:06Z'));
    expect(parseDate('2026-01-15 08:56:06 NST')).toBe(utc('2026-01-15T12:26:06Z'));
    expect(parseDate('2026-01-15T12:26:06.250+01:00')).toBe(utc('2026-01-15T11:26:06.250Z'));
    expect(parseDate('2026-01-15T12:26:06Z')).toBe(utc('2026-01-15T12:26:06Z'));
  });

  it('reads a time without a zone in the given zone, not the server’s', () => {
    expect(parseDate('2026-01-15 12:00:00')).toBe(utc('2026-01-15T12:00:00Z'));
    expect(parseDate('2026-01-15 12:00:00', 'America/New_York')).toBe(utc('2026-01-15T17:00:00Z'));
    expect(parseDate('2026-07-15 12:00', 'Europe/Paris')).toBe(utc('2026-07-15T10:00:00Z'));
    expect(parseDate('2026-07-15', 'Europe/Paris')).toBe(utc('2026-07-14T22:00:00Z'));
  });

  it('reads Unix seconds and milliseconds, and refuses what is not a date', () => {
    expect(parseDate('1760012766')).toBe(1760012766000);
    expect(parseDate('1760012766123')).toBe(1760012766123);
    for (const bad of ['yesterday', '2026-02-31 10:00:00', '2026-13-01', '2026-01-15 12:00:00 XYZ', '2026-01-15 12:00:00 EST+1', '15/01/2026']) expect(parseDate(bad), bad).toBeNull();
  });
});

describe('unguard', () => {
  it('takes off the apostrophe an export put before formula-like text, nothing else', () => {
    expect(unguard("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguard("'+1")).toBe('+1');
    expect(unguard("'@me")).toBe('@me');
    expect(unguard("' =x")).toBe(' =x');
    expect(unguard("'tis the season")).toBe("'tis the season");
    expect(unguard('=raw')).toBe('=raw');
  });
});
