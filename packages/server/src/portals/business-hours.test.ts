import type { BusinessHours, Weekday } from '@sightline/core/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isOpen, nextOpenAt, type Schedule } from './business-hours.js';

// Zones with DST, half-hour and 45-minute offsets, both hemispheres: every offset and clock change
// is a multiple of 15 minutes, so a 15-minute brute-force scan sees every opening.
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
];
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const STEP = 15 * 60_000;

/** The reference: the wall clock by another formatter, checked interval by interval. */
function referenceOpen(s: Schedule, t: number): boolean {
  if (s.businessHours === null) return true;
  const text = new Date(t).toLocaleString('sv-SE', { timeZone: s.timeZone, hour12: false });
  const [date, time] = text.split(' ') as [string, string];
  if (s.holidays.includes(date)) return false;
  const day = DAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
  const [h, m] = time.split(':').map(Number) as [number, number];
  const minutes = (h % 24) * 60 + m;
  const toMin = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3));
  return (s.businessHours[day] ?? []).some((i) => toMin(i.start) <= minutes && minutes < toMin(i.end));
}

/** The first 15-minute step from `now` that is open, scanning `days` days; `null` if none. */
function bruteForceNextOpen(s: Schedule, now: number, days: number): number | null {
  for (let t = now; t <= now + days * 86_400_000; t += STEP) if (referenceOpen(s, t)) return t;
  return null;
}

const hhmm = (quarters: number) =>
  quarters === 96
    ? '24:00'
    : `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;

/** Non-overlapping intervals of a day on the quarter hour: sorted distinct points paired up. */
const day = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const out: { start: string; end: string }[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2)
    out.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
  return out;
});
const hours: fc.Arbitrary<BusinessHours> = fc.record(
  Object.fromEntries(DAYS.map((d) => [d, day])) as Record<Weekday, typeof day>,
  { requiredKeys: [] },
);
// Instants on the quarter hour, 2024 … 2030, and instants close to clock changes of the zones.
const anyInstant = fc
  .integer({ min: Date.UTC(2024, 0, 1) / STEP, max: Date.UTC(2030, 0, 1) / STEP })
  .map((q) => q * STEP);
const CHANGES = [
  Date.UTC(2026, 2, 29, 1),
  Date.UTC(2026, 9, 25, 1),
  Date.UTC(2026, 2, 8, 7),
  Date.UTC(2026, 10, 1, 6),
  Date.UTC(2026, 3, 4, 15),
  Date.UTC(2026, 8, 26, 14),
];
const nearChange = fc
  .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -4 * 96, max: 4 * 96 }))
  .map(([at, q]) => at + q * STEP);

const schedule = (now: fc.Arbitrary<number>) =>
  fc
    .tuple(
      fc.constantFrom(...ZONES),
      hours,
      now,
      fc.array(fc.integer({ min: -1, max: 10 }), { maxLength: 3 }),
    )
    .map(([timeZone, businessHours, t, holidayOffsets]) => {
      const holidays = holidayOffsets.map((d) => new Date(t + d * 86_400_000).toISOString().slice(0, 10));
      return { schedule: { timeZone, businessHours, holidays } as Schedule, now: t };
    });

describe('business hours (MC-6)', () => {
  it('is open exactly when the wall clock is inside an interval of a non-holiday (property)', () => {
    fc.assert(
      fc.property(schedule(fc.oneof(anyInstant, nearChange)), ({ schedule: s, now }) => {
        expect(isOpen(s, new Date(now))).toBe(referenceOpen(s, now));
      }),
      { numRuns: 400 },
    );
  });

  it('names the first open instant a brute-force scan finds, across clock changes (property)', () => {
    fc.assert(
      fc.property(schedule(fc.oneof(anyInstant, nearChange)), ({ schedule: s, now }) => {
        const expected = bruteForceNextOpen(s, now, 30);
        const actual = nextOpenAt(s, new Date(now));
        if (expected === null) expect(actual === null || actual.getTime() > now + 30 * 86_400_000).toBe(true);
        else expect(actual?.toISOString()).toBe(new Date(expected).toISOString());
      }),
      { numRuns: 150 },
    );
  });

  it('opens at the moment the clock jumps past a start it skips, and twice when set back over it', () => {
    // Berlin, 29 March 2026: 02:00 → 03:00. Opening 02:30–04:00 opens at 03:00 local (01:00Z).
    const spring: Schedule = {
      timeZone: 'Europe/Berlin',
      businessHours: { sun: [{ start: '02:30', end: '04:00' }] },
      holidays: [],
    };
    expect(nextOpenAt(spring, new Date('2026-03-29T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    // Berlin, 25 October 2026: 03:00 → 02:00. 02:15–02:30 happens twice; after the first, the second.
    const autumn: Schedule = {
      timeZone: 'Europe/Berlin',
      businessHours: { sun: [{ start: '02:15', end: '02:30' }] },
      holidays: [],
    };
    expect(nextOpenAt(autumn, new Date('2026-10-24T22:00:00Z'))?.toISOString()).toBe(
      '2026-10-25T00:15:00.000Z',
    );
    expect(nextOpenAt(autumn, new Date('2026-10-25T00:40:00Z'))?.toISOString()).toBe(
      '2026-10-25T01:15:00.000Z',
    );
  });

  it('skips holidays, is open around the clock without hours, and never opens without intervals', () => {
    const weekdays: Schedule = {
      timeZone: 'America/New_York',
      businessHours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
      holidays: ['2026-06-01'],
    };
    // Sunday 31 May 2026, noon in New York: Monday is a holiday, so Tuesday 09:00 EDT (13:00Z).
    expect(nextOpenAt(weekdays, new Date('2026-05-31T16:00:00Z'))?.toISOString()).toBe(
      '2026-06-02T13:00:00.000Z',
    );
    const always: Schedule = { timeZone: 'UTC', businessHours: null, holidays: [] };
    const now = new Date('2026-05-31T16:00:00Z');
    expect(isOpen(always, now)).toBe(true);
    expect(nextOpenAt(always, now)).toBe(now);
    expect(nextOpenAt({ timeZone: 'UTC', businessHours: {}, holidays: [] }, now)).toBe(null);
  });

  it('knows IANA zones by their canonical names', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus')).toBe(undefined);
  });
});
