import { z } from '@hono/zod-openapi';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const FeatureModeSchema = z.enum(['off', 'on', 'required']).openapi('FeatureMode', {
  description:
    '`off`: nobody in the portal may use the feature; `on`: team and agent settings decide; `required`: on for everyone, team and agent settings cannot turn it off (MC-1).',
});

const featureKeys = [
  'requests',
  'recording',
  'screenshots',
  'drawing',
  'markers',
  'mirror',
  'chat',
  'summaries',
] as const;
const featureDescriptions: Record<(typeof featureKeys)[number], string> = {
  requests: 'Customers may request sessions through the portal (VS-2).',
  recording: 'Sessions may be recorded (VS-10).',
  screenshots: 'Screenshots and their annotations (VS-11).',
  drawing: 'Drawing on the live video (VS-12).',
  markers: 'Tracked markers (VS-13).',
  mirror: 'Mirrored view (VS-14).',
  chat: 'Chat in sessions.',
  summaries: 'AI summaries when the organization summarizes selected portals only (SI-2).',
};

export const PortalFeaturesSchema = z
  .object(
    Object.fromEntries(
      featureKeys.map((k) => [k, FeatureModeSchema.openapi({ description: featureDescriptions[k] })]),
    ) as Record<(typeof featureKeys)[number], typeof FeatureModeSchema>,
  )
  .openapi('PortalFeatures');

export const PortalFeaturesPatch = z
  .strictObject(
    Object.fromEntries(featureKeys.map((k) => [k, FeatureModeSchema.optional()])) as Record<
      (typeof featureKeys)[number],
      z.ZodOptional<typeof FeatureModeSchema>
    >,
  )
  .openapi('PortalFeaturesPatch', { description: 'Only the features given change.' });

const Slug = z.string().min(1).max(63).regex(SLUG, 'Lowercase letters, digits and single hyphens');

export const OpeningIntervalSchema = z
  .strictObject({
    start: z.string().regex(TIME, 'HH:MM, 24-hour'),
    end: z.string().regex(TIME, 'HH:MM, 24-hour; 24:00 for midnight'),
  })
  .openapi('OpeningInterval', { description: 'Open from `start` until before `end`, local time.' });

const Day = z.array(OpeningIntervalSchema).max(12);
export const BusinessHoursSchema = z
  .strictObject({
    mon: Day.optional(),
    tue: Day.optional(),
    wed: Day.optional(),
    thu: Day.optional(),
    fri: Day.optional(),
    sat: Day.optional(),
    sun: Day.optional(),
  })
  .openapi('BusinessHours', {
    description:
      'Opening intervals per weekday in the portal’s time zone; a missing or empty day is closed. Intervals of a day must not overlap.',
  });

export const SubPortalSchema = z
  .object({ id: z.string(), name: z.string(), slug: z.string() })
  .openapi('SubPortal');

export const PortalSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    slug: z.string().openapi({ description: 'Globally unique, lowercase kebab case: the portal’s URL.' }),
    subPortals: z.array(SubPortalSchema).openapi({ description: 'At least one (MC-6).' }),
    teamIds: z.array(z.string()).openapi({
      description:
        'Teams whose agents handle requests through the portal, in order. A request is routed to the device’s team; for a device without a team, to the first team here.',
    }),
    features: PortalFeaturesSchema,
    localRecordingsOnly: z
      .boolean()
      .openapi({ description: 'Recordings stay on the recording side, never uploaded (MC-12).' }),
    reportEmail: z.email().nullable().openapi({ description: 'Where completed-session reports go.' }),
    timeZone: z.string().openapi({ description: 'IANA time zone of the business hours and holidays.' }),
    businessHours: BusinessHoursSchema.nullable().openapi({ description: '`null`: open around the clock.' }),
    holidays: z.array(z.iso.date()).openapi({ description: 'Local dates the portal is closed all day.' }),
    outsideHours: z.enum(['refuse', 'queue']).openapi({
      description:
        'A customer request outside business hours is refused (409 `outside-business-hours` with `nextOpenAt`) or accepted and queued (`queuedUntil` on the session).',
    }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Increments on every change; the ETag is derived from it.' }),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Portal');
export type PortalWire = z.infer<typeof PortalSchema>;

export const PortalList = z.object({ items: z.array(PortalSchema) }).openapi('PortalList');

const SubPortalInput = z
  .strictObject({
    id: z.string().min(1).max(200).optional().openapi({ description: 'An existing sub-portal to keep.' }),
    name: z.string().trim().min(1).max(200),
    slug: Slug,
  })
  .openapi('SubPortalInput');

const editable = {
  name: z.string().trim().min(1).max(200),
  slug: Slug.openapi({ description: 'Derived from the name when omitted on creation.' }),
  subPortals: z.array(SubPortalInput).min(1).max(50).openapi({
    description: 'The whole list (at least one); entries with an `id` keep it, others are new.',
  }),
  teamIds: z.array(z.string().min(1).max(200)).max(100),
  localRecordingsOnly: z.boolean(),
  reportEmail: z.email().max(320).nullable(),
  timeZone: z.string().min(1).max(64),
  businessHours: BusinessHoursSchema.nullable(),
  holidays: z.array(z.iso.date()).max(366),
  outsideHours: z.enum(['refuse', 'queue']),
};

export const CreatePortalRequest = z
  .strictObject({
    name: editable.name,
    slug: editable.slug.optional(),
    subPortals: editable.subPortals
      .optional()
      .openapi({ description: 'Default: one sub-portal “Main” (`main`).' }),
    teamIds: editable.teamIds.optional(),
    features: PortalFeaturesPatch.optional().openapi({
      description:
        'Modes to set; the others take the defaults (requests, AR tools and chat on; recording and summaries off).',
    }),
    localRecordingsOnly: editable.localRecordingsOnly.optional(),
    reportEmail: editable.reportEmail.optional(),
    timeZone: editable.timeZone.optional().openapi({ description: 'Default `UTC`.' }),
    businessHours: editable.businessHours.optional(),
    holidays: editable.holidays.optional(),
    outsideHours: editable.outsideHours.optional(),
  })
  .openapi('CreatePortalRequest');
export type CreatePortalInput = z.infer<typeof CreatePortalRequest>;

export const PatchPortalRequest = z
  .strictObject({
    name: editable.name.optional(),
    slug: editable.slug.optional(),
    subPortals: editable.subPortals.optional(),
    teamIds: editable.teamIds.optional(),
    features: PortalFeaturesPatch.optional(),
    localRecordingsOnly: editable.localRecordingsOnly.optional(),
    reportEmail: editable.reportEmail.optional(),
    timeZone: editable.timeZone.optional(),
    businessHours: editable.businessHours.optional(),
    holidays: editable.holidays.optional(),
    outsideHours: editable.outsideHours.optional(),
  })
  .openapi('PatchPortalRequest');
export type PatchPortalInput = z.infer<typeof PatchPortalRequest>;

export const PortalIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
