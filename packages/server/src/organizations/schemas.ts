import { z } from '@hono/zod-openapi';
import { Email, Password, UserSchema } from '../users/schemas.js';
import { Language, TimeZone } from './locale.js';

export const PLANS = ['business', 'premium', 'corporate', 'tensor'] as const;
export const Plan = z.enum(PLANS);

const LicenceDate = z.iso
  .date()
  .openapi({ description: 'When the licence renews (calendar date).', example: '2027-01-31' });

export const OrganizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    plan: Plan,
    licenceRenewsAt: z.string().nullable().openapi({ description: 'Calendar date `YYYY-MM-DD`.' }),
    defaultLanguage: Language,
    timeZone: z.string().openapi({ description: 'IANA time zone.' }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Organization');
export type OrganizationWire = z.infer<typeof OrganizationSchema>;

const Name = z.string().trim().min(1).max(200);

export const FirstManagerRequest = z
  .strictObject({
    email: Email,
    password: Password,
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
  })
  .openapi('FirstManagerRequest');

export const CreateOrganizationRequest = z
  .strictObject({
    name: Name,
    plan: Plan,
    licenceRenewsAt: LicenceDate.nullable().optional(),
    defaultLanguage: Language.optional().openapi({ description: 'Default `en`.' }),
    timeZone: TimeZone.optional().openapi({ description: 'Default `UTC`.' }),
    manager: FirstManagerRequest,
  })
  .openapi('CreateOrganizationRequest');
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationRequest>;

export const CreatedOrganization = z
  .object({
    organization: OrganizationSchema,
    manager: UserSchema,
    token: z.string().openapi({ description: 'A bearer token for the first company manager.' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int(),
  })
  .openapi('CreatedOrganization');

/** What the organization's company managers change. */
export const PatchOrganizationRequest = z
  .strictObject({
    name: Name.optional(),
    defaultLanguage: Language.optional(),
    timeZone: TimeZone.optional(),
  })
  .openapi('PatchOrganizationRequest');

/** What only the operator (bootstrap token) changes: the commercial terms. */
export const PatchOrganizationTermsRequest = z
  .strictObject({
    name: Name.optional(),
    plan: Plan.optional(),
    licenceRenewsAt: LicenceDate.nullable().optional(),
  })
  .openapi('PatchOrganizationTermsRequest');

export const OrganizationIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
