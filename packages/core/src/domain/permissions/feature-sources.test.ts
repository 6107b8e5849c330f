import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Feature } from '../schemas/enums.js';
import {
  agentSettingSources,
  allAgentSettings,
  settingValuesOf,
  storedSettingsOf,
  type TeamWithSettings,
} from './feature-sources.js';
import { agentFeatures } from './features.js';

const features = Object.values(Feature);
const switches = fc.record(
  Object.fromEntries(
    [...features, 'logSessions'].map((f) => [f, fc.option(fc.boolean(), { nil: undefined })]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<Record<string, boolean | undefined>>>;

/** Random trees, including bad data (unknown parents, cycles) the rules must survive. */
const trees = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc
    .tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          parent: fc.oneof(
            { weight: 1, arbitrary: fc.constant(null) },
            {
              weight: 4,
              arbitrary: fc
                .integer({ min: 0, max: Math.max(0, i - 1) })
                .map((p) => (i === 0 ? null : `t${p}`)),
            },
            { weight: 1, arbitrary: fc.constantFrom('ghost', `t${n - 1}`) },
          ),
          values: switches,
        }),
      ),
    )
    .map((nodes) =>
      nodes.map(({ parent, values }, i): TeamWithSettings => {
        const { logSessions, ...rest } = values;
        return {
          id: `t${i}`,
          parentId: parent,
          features: Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
          ...(logSessions !== undefined ? { logSessions } : {}),
        };
      }),
    ),
);

describe('agent settings with their sources (MC-5)', () => {
  it('values equal agentFeatures for random trees and overrides', () => {
    fc.assert(
      fc.property(trees, switches, fc.integer({ min: -1, max: 13 }), (teams, overrides, pick) => {
        const teamId = pick < 0 ? null : `t${pick}`;
        const featureOverrides = Object.fromEntries(
          features.filter((f) => overrides[f] !== undefined).map((f) => [f, overrides[f] as boolean]),
        );
        const sources = agentSettingSources({ teamId, overrides: { ...featureOverrides } }, teams);
        const expected = agentFeatures({ teamId, featureOverrides }, teams);
        for (const f of features) expect(sources[f].value).toBe(expected[f]);
      }),
      { numRuns: 500 },
    );
  });

  it('names the agent, the nearest team that sets a value, or the default', () => {
    fc.assert(
      fc.property(trees, switches, fc.integer({ min: 0, max: 11 }), (teams, overrides, pick) => {
        if (teams.length === 0) return;
        const teamId = `t${pick % teams.length}`;
        const own = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
        const sources = agentSettingSources({ teamId, overrides: own }, teams);
        for (const s of allAgentSettings) {
          const got = sources[s];
          if (got.source === 'agent') expect(own[s]).toBe(got.value);
          else if (got.source === 'team') {
            const team = teams.find((t) => t.id === got.teamId)!;
            const set = s === 'logSessions' ? team.logSessions : team.features?.[s];
            expect(set).toBe(got.value);
          } else expect(got.value).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports the team of the setting, the default when nothing sets it', () => {
    const teams: TeamWithSettings[] = [
      { id: 'root', parentId: null, features: { chat: false }, logSessions: false },
      { id: 'sub', parentId: 'root', features: { mirror: true } },
    ];
    const s = agentSettingSources({ teamId: 'sub', overrides: { mirror: false } }, teams);
    expect(s.chat).toEqual({ value: false, source: 'team', teamId: 'root' });
    expect(s.mirror).toEqual({ value: false, source: 'agent' });
    expect(s.logSessions).toEqual({ value: false, source: 'team', teamId: 'root' });
    expect(s.drawing).toEqual({ value: true, source: 'default' });
    expect(agentSettingSources({ teamId: null }, teams).chat.source).toBe('default');
  });

  it('stored documents round-trip; null and junk mean inherit', () => {
    expect(storedSettingsOf({ chat: false, mirror: null, logSessions: true })).toEqual({
      features: { chat: false },
      logSessions: true,
    });
    expect(settingValuesOf({ features: { chat: false, bogus: true, mirror: 'x' }, logSessions: 1 })).toEqual({
      chat: false,
    });
    expect(settingValuesOf(null)).toEqual({});
  });
});
