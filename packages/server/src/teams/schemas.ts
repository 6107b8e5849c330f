import { z } from '@hono/zod-openapi';
import { MAX_TEAM_DEPTH } from './tree.js';

const Id = z.string().min(1).max(200);
const Name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .openapi({ description: 'Unique among the teams with the same parent (case-insensitive).' });

export const TeamSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    parentId: z.string().nullable().openapi({ description: '`null` for a root team (MC-3).' }),
    name: z.string(),
    managerIds: z.array(z.string()).openapi({ description: 'Team managers assigned to this team (MC-1).' }),
    agentCount: z
      .number()
      .int()
      .openapi({ description: 'Agents whose team this is (sub-teams not counted).' }),
    version: z
      .number()
      .int()
      .openapi({ description: 'Increments on every change; the ETag is derived from it.' }),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    deletedAt: z.iso.datetime({ offset: true }).optional().openapi({
      description:
        'Only with `includeDeleted=true`: when the team was deleted (closed sessions keep naming it).',
    }),
  })
  .openapi('Team');
export type TeamWire = z.infer<typeof TeamSchema>;

export const TeamList = z.object({ items: z.array(TeamSchema) }).openapi('TeamList');

export const TeamListQuery = z.object({
  includeDeleted: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Also list deleted teams (company managers), e.g. to label old sessions.' }),
});

export const TeamIdParams = z.object({ id: Id });

export const CreateTeamRequest = z
  .strictObject({
    name: Name,
    parentId: Id.nullable()
      .optional()
      .openapi({
        description: `Parent team; absent or \`null\` for a root. At most ${MAX_TEAM_DEPTH} levels.`,
      }),
    managerIds: z
      .array(Id)
      .max(100)
      .optional()
      .openapi({ description: 'Team managers of the new team (company managers only).' }),
  })
  .openapi('CreateTeamRequest');

export const PatchTeamRequest = z
  .strictObject({
    name: Name.optional(),
    parentId: Id.nullable()
      .optional()
      .openapi({ description: 'Move the team (with its sub-teams); a cycle is refused with 409.' }),
    managerIds: z
      .array(Id)
      .max(100)
      .optional()
      .openapi({ description: 'Replaces the team’s managers (company managers only).' }),
  })
  .openapi('PatchTeamRequest');

export const DeleteTeamQuery = z.object({
  moveTo: Id.optional().openapi({
    description: 'Team that receives the agents, sub-teams and devices; defaults to the parent.',
  }),
});

export const DeleteTeamResult = z
  .object({
    deletedId: z.string(),
    movedTo: z.string(),
    movedUserIds: z
      .array(z.string())
      .openapi({ description: 'Agents (and other live users) whose team it was.' }),
    movedTeamIds: z.array(z.string()),
    movedDeviceIds: z.array(z.string()),
    movedSessionIds: z.array(z.string()).openapi({
      description:
        'Open sessions now handled by the receiving team; closed ones keep the deleted team for reports.',
    }),
  })
  .openapi('DeleteTeamResult');

export const AddMemberRequest = z
  .strictObject({ userId: Id.openapi({ description: 'The agent to move into this team (MC-3).' }) })
  .openapi('AddTeamMemberRequest');

export const MemberMoved = z
  .object({
    userId: z.string(),
    teamId: z.string(),
    fromTeamId: z.string().nullable(),
    moved: z.boolean().openapi({ description: '`false` when the agent was already in this team.' }),
  })
  .openapi('TeamMemberMoved');
