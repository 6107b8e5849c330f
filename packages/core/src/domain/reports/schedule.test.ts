import { describe, expect, it } from 'vitest';
import { monthKey } from '../credits/ledger.js';
import { nextScheduledRun, reportPeriodAt } from './schedule.js';

const at = (iso: string) => new Date(iso);

describe('saved report periods and schedules (MC-9)', () => {
  it('relative periods end at the run; the previous month is the UTC calendar month before', () => {
    const now = at('2026-12-05T12:00:00Z');
    expect(reportPeriodAt('last-7-days', now)).toEqual({ from: at('2026-11-28T12:00:00Z'), to: now });
    expect(reportPeriodAt('last-30-days', now).from).toEqual(at('2026-11-05T12:00:00Z'));
    expect(reportPeriodAt('previous-month', now)).toEqual({
      from: at('2026-11-01T00:00:00Z'),
      to: at('2026-12-01T00:00:00Z'),
    });
    expect(reportPeriodAt('previous-month', at('2027-01-01T00:00:00Z')).from).toEqual(
      at('2026-12-01T00:00:00Z'),
    );
    expect(monthKey(at('2026-11-30T23:59:59Z'))).toBe('2026-11');
  });

  it('daily at 06:00 UTC, weekly on Mondays, monthly on the 1st — always strictly later', () => {
    expect(nextScheduledRun('daily', at('2026-12-05T05:00:00Z'))).toEqual(at('2026-12-05T06:00:00Z'));
    expect(nextScheduledRun('daily', at('2026-12-05T06:00:00Z'))).toEqual(at('2026-12-06T06:00:00Z'));
    // 2026-12-05 is a Saturday: the next Monday is the 7th.
    expect(nextScheduledRun('weekly', at('2026-12-05T12:00:00Z'))).toEqual(at('2026-12-07T06:00:00Z'));
    expect(nextScheduledRun('weekly', at('2026-12-07T06:00:00Z'))).toEqual(at('2026-12-14T06:00:00Z'));
    expect(nextScheduledRun('monthly', at('2026-12-05T12:00:00Z'))).toEqual(at('2027-01-01T06:00:00Z'));
    expect(nextScheduledRun('monthly', at('2026-12-01T05:59:00Z'))).toEqual(at('2026-12-01T06:00:00Z'));
  });
});
