import * as z from 'zod/mini';
import { FeatureSettings, Id } from './common.js';
import { Role } from './enums.js';

/**
 * A staff user (MC-1). Agents belong to exactly one team (MC-3); managers may have none.
 * `logSessions` is the per-user "log sessions for reporting" switch; it must be on for the user's
 * sessions to be summarized (SI-6).
 * @example
 * const result = z.safeParse(User, body);
 * if (!result.success) return badRequest(result.error);
 */
export const User = z
  .object({
    id: Id,
    organizationId: Id,
    email: z.email(),
    displayName: z.string().check(z.minLength(1), z.maxLength(200)),
    role: z.enum(Role),
    teamId: z._default(z.nullable(Id), null),
    managedTeamIds: z._default(z.array(Id), []),
    logSessions: z._default(z.boolean(), true),
    featureOverrides: z._default(FeatureSettings, {}),
  })
  .check(
    z.refine((u) => u.role !== Role.agent || u.teamId !== null, {
      message: 'An agent belongs to exactly one team (MC-3)',
      path: ['teamId'],
    }),
  );
/** A parsed user. */
export type User = z.infer<typeof User>;

/**
 * A team; teams and sub-teams form a tree through `parentId` (MC-3). Feature settings apply to the
 * team's agents and its sub-teams unless set lower down (MC-5).
 */
export const Team = z.object({
  id: Id,
  organizationId: Id,
  parentId: z._default(z.nullable(Id), null),
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  features: z._default(FeatureSettings, {}),
});
/** A parsed team. */
export type Team = z.infer<typeof Team>;
