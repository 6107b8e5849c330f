import { z } from '@hono/zod-openapi';
import { chosenPresences, presenceStatuses } from '@sightline/core/domain';

export const PresenceStatusSchema = z.enum(presenceStatuses).openapi('PresenceStatus', {
  description:
    'An agent’s presence (MC-7): `available`, `busy` (holding a session whose call runs), `away` (chosen by hand), `offline` (no console open within 60 s).',
});

export const PresenceSchema = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    role: z.enum(['company-manager', 'team-manager', 'agent']),
    teamId: z.string().nullable(),
    status: PresenceStatusSchema,
    chosen: z.enum(chosenPresences).openapi({
      description: 'What the user chose; shown while a console is open and no call runs.',
    }),
    since: z.iso.datetime({ offset: true }).nullable().openapi({
      description: 'When the status last announced began (null: never announced).',
    }),
    callSessionId: z
      .string()
      .nullable()
      .openapi({ description: 'The session whose call makes the user busy, if any.' }),
  })
  .openapi('Presence');

export const PresenceList = z.object({ items: z.array(PresenceSchema) }).openapi('PresenceList');

export const PutPresenceRequest = z
  .strictObject({
    status: z.enum(chosenPresences).openapi({
      description:
        '`away` while stepping out; `available` again. Busy and offline follow from calls and consoles.',
    }),
  })
  .openapi('PutPresenceRequest');
