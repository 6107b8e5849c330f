import { z } from '@hono/zod-openapi';
import type { AgentSetting } from '@sightline/core/domain';

/** Every agent setting, spelled out so the OpenAPI document names each one. */
const KEYS = ['recording', 'drawing', 'screenshots', 'markers', 'mirror', 'chat', 'logSessions'] as const;
// Compile-time guard: the list above is exactly the domain's AgentSetting.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const keysMatch: Same<(typeof KEYS)[number], AgentSetting> = true;
void keysMatch;

const describe = (key: (typeof KEYS)[number]) =>
  key === 'logSessions' ? 'Log sessions for reporting (SI-6)' : `The ${key} feature (MC-5)`;

function settingsObject<T>(value: (key: (typeof KEYS)[number]) => T) {
  return Object.fromEntries(KEYS.map((k) => [k, value(k)])) as { [K in (typeof KEYS)[number]]: T };
}

/** Values set at one level: `true`/`false`, or `null` to inherit from the team above. */
export const SettingValues = z
  .object(
    settingsObject((k) =>
      z
        .boolean()
        .nullable()
        .openapi({ description: `${describe(k)}; null = inherit.` }),
    ),
  )
  .openapi('SettingValues');
export type SettingValuesWire = z.infer<typeof SettingValues>;

/** The same, in a request body: a missing key is `null` (inherit); unknown keys are refused. */
export const SettingValuesInput = z
  .strictObject(settingsObject(() => z.boolean().nullable().optional()))
  .openapi('SettingValuesInput');

export const SourcedSettingSchema = z
  .object({
    value: z.boolean(),
    source: z.enum(['agent', 'team', 'default']).openapi({
      description:
        'Where the value came from: the agent’s own override, a team up the tree, or the default (on).',
    }),
    teamId: z.string().optional().openapi({ description: 'With `source: team`: the team that sets it.' }),
  })
  .openapi('SourcedSetting');

export const EffectiveSettings = z
  .object(settingsObject(() => SourcedSettingSchema))
  .openapi('EffectiveSettings');

export const TeamSettingsSchema = z
  .object({
    teamId: z.string(),
    settings: SettingValues.openapi({ description: 'Defaults this team sets for its agents and sub-teams.' }),
    effective: EffectiveSettings.openapi({
      description:
        'What an agent of this team without overrides gets, and from where (portal modes apply on top).',
    }),
    version: z.number().int(),
  })
  .openapi('TeamSettings');

export const PutTeamSettingsRequest = z
  .strictObject({ settings: SettingValuesInput })
  .openapi('PutTeamSettingsRequest');

export const UserSettingsSchema = z
  .object({
    userId: z.string(),
    teamId: z.string().nullable(),
    overrides: SettingValues.openapi({
      description: 'The user’s own overrides; `null` inherits from the team.',
    }),
    effective: EffectiveSettings.openapi({
      description:
        'The user’s effective settings with where each value came from (portal modes apply on top, MC-1).',
    }),
    version: z.number().int(),
  })
  .openapi('UserSettings');

export const PutUserSettingsRequest = z
  .strictObject({ overrides: SettingValuesInput })
  .openapi('PutUserSettingsRequest');

export const SettingsIdParams = z.object({ id: z.string().min(1).max(200) });

/** Flat values (missing = unset) as the wire's full object with `null` for unset. */
export function valuesToWire(values: Partial<Record<AgentSetting, boolean>>): SettingValuesWire {
  return settingsObject((k) => values[k] ?? null);
}
