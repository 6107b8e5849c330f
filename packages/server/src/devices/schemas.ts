import { z } from '@hono/zod-openapi';

const Id = z.string().min(1).max(200);

export const SummaryAccessSchema = z
  .enum(['allowed', 'denied', 'after-confirmation'])
  .openapi('SummaryAccess', {
    description:
      'The device user’s AI-summary access control (SI-3): `allowed` (never asked again), `denied` (never summarized), `after-confirmation` (asked at every session).',
  });

export const DevicePolicySchema = z
  .strictObject({
    summaries: z
      .boolean()
      .openapi({ description: 'Incoming sessions towards the device are summarized (SI-4).' }),
    enforced: z
      .boolean()
      .default(false)
      .openapi({ description: 'The device user cannot change the summary setting from the customer side.' }),
  })
  .openapi('DevicePolicy', { description: 'Managed-device policy (SI-4); only managed devices carry one.' });

export const UserLabelSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    deleted: z.boolean().openapi({ description: 'The user was deleted; past data keeps naming them.' }),
  })
  .openapi('UserLabel');

export const DeviceSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    teamId: z.string().nullable().openapi({ description: 'Requests go to this team’s agents (VS-3).' }),
    assigneeId: z
      .string()
      .nullable()
      .openapi({ description: 'The agent the device is assigned to, if any (VS-3).' }),
    assignee: UserLabelSchema.nullable(),
    managed: z.boolean().openapi({ description: 'The organization manages the device (SI-4).' }),
    policy: DevicePolicySchema.nullable(),
    summaryAccess: SummaryAccessSchema,
    portal: z.object({
      id: z.string(),
      name: z.string(),
      requestsEnabled: z.boolean().openapi({ description: 'Customers may request sessions (VS-2).' }),
      recordingEnabled: z.boolean().openapi({ description: 'Sessions may be recorded (VS-10).' }),
    }),
    summaryQuestion: z.boolean().openapi({
      description:
        'The customer is asked to allow an AI summary of each session (SI-3: “after confirmation”).',
    }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Increments on every change; the ETag is derived from it.' }),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    deletedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .openapi('Device');

export type DeviceWire = z.infer<typeof DeviceSchema>;

export const DeviceList = z.object({ items: z.array(DeviceSchema) }).openapi('DeviceList');

export const DeviceListQuery = z.object({
  includeDeleted: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Company managers only: list deleted devices too (their history stays).' }),
});

export const CreateDeviceRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    portalId: Id.openapi({ description: 'A portal of the organization (MC-6).' }),
    teamId: Id.nullable().optional(),
    assigneeId: Id.nullable().optional().openapi({
      description: 'A live agent of the organization; of the device’s team or below when it has one.',
    }),
    managed: z.boolean().optional(),
    policy: DevicePolicySchema.nullable().optional(),
    summaryAccess: SummaryAccessSchema.optional(),
  })
  .openapi('CreateDeviceRequest');

export type CreateDeviceInput = z.infer<typeof CreateDeviceRequest>;

export const PatchDeviceRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    portalId: Id.optional(),
    teamId: Id.nullable().optional(),
    assigneeId: Id.nullable().optional(),
    managed: z.boolean().optional(),
    policy: DevicePolicySchema.nullable().optional(),
    summaryAccess: SummaryAccessSchema.optional(),
  })
  .openapi('PatchDeviceRequest', {
    description:
      'Only the fields given change. A customer may change `summaryAccess` of their own device only, unless an enforced policy fixes it (SI-3).',
  });

export type PatchDeviceInput = z.infer<typeof PatchDeviceRequest>;

export const DeviceIdParams = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
});

export const AccessCodeParams = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
  codeId: Id.openapi({ param: { name: 'codeId', in: 'path' } }),
});

export const AccessCodeStatusSchema = z.enum(['active', 'expired', 'revoked']).openapi('AccessCodeStatus');

export const AccessCodeSchema = z
  .object({
    id: z.string(),
    deviceId: z.string(),
    hint: z
      .string()
      .openapi({ description: 'The code’s last four characters (empty for codes made before hints).' }),
    status: AccessCodeStatusSchema,
    createdAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .openapi('AccessCode');

export type AccessCodeWire = z.infer<typeof AccessCodeSchema>;

export const AccessCodeList = z.object({ items: z.array(AccessCodeSchema) }).openapi('AccessCodeList');

export const NewAccessCodeSchema = AccessCodeSchema.extend({
  code: z.string().openapi({ description: 'The code itself: shown this once, stored only as a hash.' }),
  requestUrl: z.url().openapi({ description: 'The portal’s request page with the code filled in.' }),
  qrSvg: z.string().openapi({ description: 'An SVG QR code of `requestUrl`, to print on the device.' }),
}).openapi('NewAccessCode');

/** Letters, digits and hyphens; starts and ends with a letter or digit (compared case-insensitively). */
export const CUSTOM_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

export const CreateAccessCodeRequest = z
  .strictObject({
    rotate: z.boolean().optional().openapi({
      description:
        'Revoke every other code of the device in the same step (tokens issued with them stop working).',
    }),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'When the code stops working; must be in the future. Default: never.' }),
    code: z
      .string()
      .trim()
      .min(8)
      .max(64)
      .regex(CUSTOM_CODE, 'Letters, digits and hyphens, starting and ending with a letter or digit')
      .refine((s) => s.replace(/-/g, '').length >= 8, 'At least 8 letters or digits')
      .optional()
      .openapi({
        description:
          'A code of your own (8–64 letters, digits, hyphens; case-insensitive). Default: a random 12-character code.',
      }),
  })
  .openapi('CreateAccessCodeRequest');

export type CreateAccessCodeInput = z.infer<typeof CreateAccessCodeRequest>;
