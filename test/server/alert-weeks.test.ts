import { describe, expect, it } from 'vitest';
import { comparedWeeks } from '../../server/alerts/weeks';

describe('the weeks a week-over-week alert rule compares', () => {
  it('takes the last complete ISO week and the one before', () => {
    expect(comparedWeeks('UTC', Date.parse('2026-03-11T09:00:00Z'))).toMatchObject({ previousWeek: '2026-02-23', week: '2026-03-02' });
    // Sunday late: the week under way is still not compared.
    expect(comparedWeeks('UTC', Date.parse('2026-03-08T23:59:59Z'))).toMatchObject({ previousWeek: '2026-02-16', week: '2026-02-23' });
  });

  it('turns the week at local midnight on Monday, not at UTC midnight', () => {
    // 23:30 UTC on Sunday is already 00:30 on Monday in Paris (UTC+1 in March), and still Sunday in New York.
    const at = Date.parse('2026-03-08T23:30:00Z');
    expect(comparedWeeks('Europe/Paris', at).week).toBe('2026-03-02');
    expect(comparedWeeks('America/New_York', at).week).toBe('2026-02-23');
    expect(comparedWeeks('UTC', at).week).toBe('2026-02-23');
  });
});
