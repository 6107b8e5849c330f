import * as z from 'zod/mini';
import { Id } from './common.js';
import { defaultPortalFeatures, FeatureMode } from './portal-features.js';

const mode = z.enum(FeatureMode);

/** A portal's feature modes, every feature set (MC-6; company managers only). */
export const PortalFeatures = z.object({
  /** Customers may request sessions through this portal (VS-2). */
  requests: mode,
  /** Sessions through this portal may be recorded (VS-10). */
  recording: mode,
  screenshots: mode,
  drawing: mode,
  /** Tracked markers (VS-13). */
  markers: mode,
  mirror: mode,
  chat: mode,
  /** Outgoing summaries when the organization's outgoing scope is `selected-portals` (SI-2). */
  summaries: mode,
});
/** Every feature of a portal with its mode. */
export type PortalFeatures = z.infer<typeof PortalFeatures>;

/** Lowercase kebab case: the form of portal and sub-portal slugs (they appear in URLs). */
export const Slug = z.string().check(z.minLength(1), z.maxLength(63), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/));

/** Days of the week, Monday first (ISO 8601 order). */
export const Weekday = {
  mon: 'mon',
  tue: 'tue',
  wed: 'wed',
  thu: 'thu',
  fri: 'fri',
  sat: 'sat',
  sun: 'sun',
} as const;
/** One of {@link Weekday}. */
export type Weekday = (typeof Weekday)[keyof typeof Weekday];

/** `HH:MM`, 24-hour local time; `24:00` only as an interval's end (midnight at the end of the day). */
const LocalTime = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/));

/** Minutes since local midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** One opening interval of a day, local time of the portal: open from `start` until before `end`. */
export const OpeningInterval = z.object({ start: LocalTime, end: LocalTime }).check(
  z.refine((i) => minutesOf(i.start) < minutesOf(i.end), {
    message: 'start must be before end',
    path: ['end'],
  }),
);
/** A parsed opening interval. */
export type OpeningInterval = z.infer<typeof OpeningInterval>;

/**
 * Opening hours per weekday in the portal's time zone (MC-6): any number of intervals a day,
 * without overlaps; a day that is missing or empty is closed.
 */
export const BusinessHours = z
  .partialRecord(z.enum(Weekday), z.array(OpeningInterval).check(z.maxLength(12)))
  .check(
    z.refine(
      (hours) =>
        Object.values(hours).every((day) => {
          const sorted = [...(day ?? [])].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
          return sorted.every((i, n) => n === 0 || minutesOf(sorted[n - 1]!.end) <= minutesOf(i.start));
        }),
      { message: 'Intervals of one day must not overlap' },
    ),
  );
/** Parsed business hours. */
export type BusinessHours = z.infer<typeof BusinessHours>;

/** A calendar date, `YYYY-MM-DD` (a holiday in the portal's time zone). */
export const LocalDate = z.iso.date();

/**
 * What a request outside business hours gets: `refuse` (a problem saying when staff are back) or
 * `queue` (accepted, and marked as waiting until then).
 */
export const OutsideHours = { refuse: 'refuse', queue: 'queue' } as const;
/** One of {@link OutsideHours}. */
export type OutsideHours = (typeof OutsideHours)[keyof typeof OutsideHours];

/** A sub-portal: its own URL path under the portal (MC-6). */
export const SubPortal = z.object({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  slug: Slug,
});
/** A parsed sub-portal. */
export type SubPortal = z.infer<typeof SubPortal>;

/**
 * A portal: an entry point customers come through, with at least one sub-portal (MC-6).
 * `businessHours: null` means open around the clock.
 * @example
 * const portal = z.parse(Portal, json);
 * if (portal.features.requests === 'off') showRequestsDisabled();
 */
export const Portal = z.object({
  id: Id,
  organizationId: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  slug: Slug,
  subPortals: z.array(SubPortal).check(z.minLength(1)),
  features: z._default(PortalFeatures, () => ({ ...defaultPortalFeatures })),
  teamIds: z._default(z.array(Id), []),
  /** Keep recordings on the recording side only, never uploaded (MC-12). */
  localRecordingsOnly: z._default(z.boolean(), false),
  reportEmail: z.optional(z.nullable(z.email())),
  timeZone: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'UTC'),
  businessHours: z._default(z.nullable(BusinessHours), null),
  holidays: z._default(z.array(LocalDate), []),
  outsideHours: z._default(z.enum(OutsideHours), 'refuse'),
});
/** A parsed portal. */
export type Portal = z.infer<typeof Portal>;
