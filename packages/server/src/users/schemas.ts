import { z } from '@hono/zod-openapi';
import { allManagementRights } from '@sightline/core/domain';
import { Language, TimeZone } from '../organizations/locale.js';

/** Roles a user can be given here; API managers exist only as API keys. */
export const ASSIGNABLE_ROLES = ['company-manager', 'team-manager', 'agent'] as const;
export const AssignableRole = z.enum(ASSIGNABLE_ROLES);
const AnyRole = z.enum(['company-manager', 'team-manager', 'api-manager', 'agent']);

export const PASSWORD_MIN = 10;
export const Password = z
  .string()
  .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`)
  .max(1024)
  .openapi({
    description: `At least ${PASSWORD_MIN} characters; stored as an argon2id hash, never returned.`,
  });

export const Email = z
  .email()
  .max(320)
  .openapi({ description: 'Unique among live users, case-insensitively.', example: 'ada@example.com' });

const Right = z.enum(allManagementRights as [string, ...string[]]);
const Name = z.string().trim().max(100);

export const UserSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    email: z.string(),
    role: AnyRole,
    firstName: z.string(),
    lastName: z.string(),
    displayName: z.string().openapi({ description: 'Screen name shown to customers and colleagues.' }),
    customField: z.string().nullable(),
    teamId: z.string().nullable().openapi({ description: 'The agent’s team (exactly one for agents).' }),
    managedTeamIds: z.array(z.string()).openapi({ description: 'Teams a team manager manages.' }),
    rights: z.array(z.string()).openapi({ description: 'Granted management rights (MC-1).' }),
    language: Language,
    timeZone: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');
export type UserWire = z.infer<typeof UserSchema>;

export const UserPage = z
  .object({ items: z.array(UserSchema), nextCursor: z.string().nullable() })
  .openapi('UserPage');

export const UserIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const UserListQuery = z.object({
  role: AnyRole.optional(),
  teamId: z.string().max(200).optional().openapi({ description: 'Agents of this team (exactly).' }),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Part of the email or a name, case-insensitive.' }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CreateUserRequest = z
  .strictObject({
    email: Email,
    password: Password,
    role: AssignableRole,
    firstName: Name.optional(),
    lastName: Name.optional(),
    displayName: Name.min(1)
      .optional()
      .openapi({ description: 'Default: first and last name, else the email.' }),
    customField: z.string().max(500).nullable().optional(),
    teamId: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: 'Required for agents; none for managers.' }),
    managedTeamIds: z
      .array(z.string().max(200))
      .max(500)
      .optional()
      .openapi({ description: 'Team managers only.' }),
    rights: z.array(Right).max(10).optional().openapi({ description: 'From the role’s grantable rights.' }),
    language: Language.optional().openapi({ description: 'Default: the organization’s language.' }),
    timeZone: TimeZone.optional().openapi({ description: 'Default: the organization’s time zone.' }),
  })
  .openapi('CreateUserRequest');
export type CreateUserInput = z.infer<typeof CreateUserRequest>;

export const PatchUserRequest = z
  .strictObject({
    email: Email.optional(),
    password: Password.optional(),
    role: AssignableRole.optional(),
    firstName: Name.optional(),
    lastName: Name.optional(),
    displayName: Name.min(1).optional(),
    customField: z.string().max(500).nullable().optional(),
    teamId: z.string().max(200).nullable().optional().openapi({ description: 'Moving an agent (MC-3).' }),
    managedTeamIds: z.array(z.string().max(200)).max(500).optional(),
    rights: z.array(Right).max(10).optional(),
    language: Language.optional(),
    timeZone: TimeZone.optional(),
  })
  .openapi('PatchUserRequest');
export type PatchUserInput = z.infer<typeof PatchUserRequest>;

export const PatchMeRequest = z
  .strictObject({
    email: Email.optional(),
    password: Password.optional(),
    currentPassword: z
      .string()
      .max(1024)
      .optional()
      .openapi({ description: 'Required to change the email or the password.' }),
    language: Language.optional(),
    timeZone: TimeZone.optional(),
  })
  .openapi('PatchMeRequest');
