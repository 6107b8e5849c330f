import { type BusinessHours, minutesOf, type Weekday } from '@sightline/core/domain';

/** When a portal's staff are there (MC-6): weekly hours and holidays, in the portal's time zone. */
export interface Schedule {
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** `null`: open around the clock. */
  businessHours: BusinessHours | null;
  /** `YYYY-MM-DD` dates (local) when the portal is closed all day. */
  holidays: readonly string[];
}

/** The wall clock of an instant in a time zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/**
 * The canonical name of an IANA time zone (`europe/berlin` → `Europe/Berlin`), or `undefined` when
 * the runtime does not know it.
 * @example
 * canonicalTimeZone('Europe/Berlin'); // 'Europe/Berlin'
 */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Local date, weekday and minute of an instant (seconds ignored). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  return { date, weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Whether staff are there at this instant: not a holiday, and inside one of the day's intervals. */
export function isOpen(schedule: Schedule, instant: Date): boolean {
  if (schedule.businessHours === null) return true;
  const local = localTime(instant, schedule.timeZone);
  return openAtLocal(schedule, local);
}

function openAtLocal(schedule: Schedule, local: LocalTime): boolean {
  if (schedule.holidays.includes(local.date)) return false;
  const day = schedule.businessHours?.[local.weekday] ?? [];
  return day.some((i) => minutesOf(i.start) <= local.minutes && local.minutes < minutesOf(i.end));
}

/** Offset of the zone from UTC at an instant, in minutes (local = UTC + offset). */
function offsetAt(epochMs: number, timeZone: string): number {
  const l = localTime(new Date(epochMs), timeZone);
  const asUtc = Date.parse(`${l.date}T00:00:00Z`) + l.minutes * 60_000;
  return Math.round((asUtc - Math.floor(epochMs / 60_000) * 60_000) / 60_000);
}

/**
 * The instants (whole minutes, ascending) at which the wall clock on `date` reaches `minutes`: one
 * usually, two when the clock is set back over it, and — when a clock change skips it — the moment
 * the clock jumps past it.
 */
function instantsOf(date: string, minutes: number, timeZone: string): number[] {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  // Candidates from the offsets around that wall time; a skipped time matches none exactly.
  const offsets = new Set([
    offsetAt(wall - 36 * 3_600_000, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + 36 * 3_600_000, timeZone),
  ]);
  const exact = [...new Set([...offsets].map((o) => wall - o * 60_000))]
    .filter((t) => {
      const l = localTime(new Date(t), timeZone);
      return l.date === date && l.minutes === minutes;
    })
    .sort((a, b) => a - b);
  if (exact.length > 0) return exact;
  // Skipped (spring forward): binary search the first minute whose local time is past `minutes`.
  let lo = wall - 36 * 3_600_000;
  let hi = wall + 36 * 3_600_000;
  const after = (t: number) => {
    const l = localTime(new Date(t), timeZone);
    return l.date > date || (l.date === date && l.minutes >= minutes);
  };
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (after(mid)) hi = mid;
    else lo = mid;
  }
  return [hi];
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * When staff are next there (MC-6): `now` itself when open, else the first later instant that is
 * inside business hours (looking up to about a year ahead), or `null` when the schedule never opens.
 * Local times a clock change skips open at the moment the clock jumps.
 * @example
 * nextOpenAt({ timeZone: 'Europe/Berlin', businessHours: { mon: [{ start: '08:00', end: '17:00' }] }, holidays: [] }, now);
 */
export function nextOpenAt(schedule: Schedule, now: Date): Date | null {
  if (isOpen(schedule, now)) return now;
  const hours = schedule.businessHours;
  if (!hours || Object.values(hours).every((d) => !d?.length)) return null;
  const start = localTime(now, schedule.timeZone).date;
  for (let d = -1; d <= 400; d++) {
    const date = addDays(start, d);
    if (schedule.holidays.includes(date)) continue;
    const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
    const day = [...(hours[weekday] ?? [])].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    let best: number | undefined;
    for (const interval of day) {
      for (const at of instantsOf(date, minutesOf(interval.start), schedule.timeZone)) {
        if (at <= now.getTime() || (best !== undefined && at >= best)) continue;
        const local = localTime(new Date(at), schedule.timeZone);
        if (local.date === date && local.minutes < minutesOf(interval.end)) best = at;
      }
    }
    if (best !== undefined) return new Date(best);
  }
  return null;
}
