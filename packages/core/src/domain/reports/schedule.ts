/** The periods a saved report can cover, relative to when it runs (MC-9). */
export const ReportPeriod = {
  last7Days: 'last-7-days',
  last30Days: 'last-30-days',
  previousMonth: 'previous-month',
  fixed: 'fixed',
} as const;
/** One of {@link ReportPeriod}. */
export type ReportPeriod = (typeof ReportPeriod)[keyof typeof ReportPeriod];
/** Every report period, in declaration order. */
export const reportPeriods: readonly ReportPeriod[] = Object.values(ReportPeriod);

/** How often a saved report is emailed (MC-9). */
export const ReportSchedule = { none: 'none', daily: 'daily', weekly: 'weekly', monthly: 'monthly' } as const;
/** One of {@link ReportSchedule}. */
export type ReportSchedule = (typeof ReportSchedule)[keyof typeof ReportSchedule];
/** Every schedule, in declaration order. */
export const reportSchedules: readonly ReportSchedule[] = Object.values(ReportSchedule);

const DAY = 86_400_000;

/** The first instant of the UTC month `offset` months from the one holding `at`. */
export function monthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

/**
 * The instants a relative period covers when run at `now`: the last 7 or 30 days up to `now`, or
 * the previous UTC calendar month. A fixed period carries its own `from`/`to`.
 * @example
 * reportPeriodAt('previous-month', new Date('2026-12-05T12:00:00Z'))
 * // → { from: 2026-11-01T00:00Z, to: 2026-12-01T00:00Z }
 */
export function reportPeriodAt(period: Exclude<ReportPeriod, 'fixed'>, now: Date): { from: Date; to: Date } {
  if (period === 'previous-month') return { from: monthStart(now, -1), to: monthStart(now) };
  const days = period === 'last-7-days' ? 7 : 30;
  return { from: new Date(now.getTime() - days * DAY), to: now };
}

/**
 * When a scheduled report is next due after `after`: daily at 06:00 UTC, weekly on Monday 06:00
 * UTC, monthly on the 1st at 06:00 UTC — the first such instant strictly after `after`.
 */
export function nextScheduledRun(schedule: Exclude<ReportSchedule, 'none'>, after: Date): Date {
  const at6 = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 6));
  if (schedule === 'monthly') {
    const first = new Date(monthStart(after).getTime() + 6 * 3_600_000);
    return first > after ? first : new Date(monthStart(after, 1).getTime() + 6 * 3_600_000);
  }
  let next = at6(after);
  if (next <= after) next = new Date(next.getTime() + DAY);
  if (schedule === 'weekly') {
    while (next.getUTCDay() !== 1) next = new Date(next.getTime() + DAY);
  }
  return next;
}
