import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IntegrationScope } from '../permissions/integrations.js';
import { type Actor, canViewSession, type SessionScope } from './access.js';
import type { TeamNode } from './teams.js';
import { matchesVisibility, sessionVisibility } from './visibility.js';

// Small id pools, so actors, sessions and trees collide often (VS-7, SI-12).
const org = fc.constantFrom('o1', 'o2');
const team = fc.constantFrom('t1', 't2', 't3', 't4', 'gone');
const user = fc.constantFrom('u1', 'u2', 'u3');
const device = fc.constantFrom('d1', 'd2');
const portal = fc.constantFrom('p1', 'p2');
const sessionId = fc.constantFrom('s1', 's2');

const tree: fc.Arbitrary<TeamNode[]> = fc
  .array(fc.tuple(fc.constantFrom('t1', 't2', 't3', 't4'), fc.option(team, { nil: null })), { maxLength: 5 })
  .map((pairs) => {
    const byId = new Map<string, TeamNode>();
    for (const [id, parentId] of pairs) if (!byId.has(id)) byId.set(id, { id, parentId });
    return [...byId.values()];
  });

const actor: fc.Arbitrary<Actor> = fc.oneof(
  fc.record({
    kind: fc.constant('customer' as const),
    organizationId: org,
    deviceId: device,
    sessionId: fc.option(sessionId, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('staff' as const),
    organizationId: org,
    userId: user,
    role: fc.constantFrom('company-manager', 'team-manager', 'api-manager', 'agent' as const),
    teamId: fc.option(team, { nil: null }),
    managedTeamIds: fc.array(team, { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('integration' as const),
    organizationId: org,
    tokenId: fc.constant('tok'),
    scopes: fc.constant(['sessions:read'] as IntegrationScope[]),
    portalIds: fc.option(fc.array(portal, { maxLength: 2 }), { nil: null }),
    teamIds: fc.option(fc.array(team, { maxLength: 2 }), { nil: null }),
    sessionId: fc.option(sessionId, { nil: null }),
  }),
  fc.constant({ kind: 'system' as const }),
);

const scope: fc.Arbitrary<SessionScope> = fc.record({
  id: sessionId,
  organizationId: org,
  deviceId: device,
  portalId: portal,
  teamId: fc.option(team, { nil: null }),
  assigneeIds: fc.uniqueArray(user, { maxLength: 2 }),
});

describe('session visibility as query conditions (VS-7, SI-12, MC-10)', () => {
  it('allows exactly the sessions canViewSession allows, for every actor, session and team tree', () => {
    fc.assert(
      fc.property(actor, scope, tree, (a, s, teams) => {
        expect(matchesVisibility(sessionVisibility(a, teams), s)).toBe(canViewSession(a, s, teams));
      }),
      { numRuns: 5000 },
    );
  });

  it('names the conditions a store applies', () => {
    const teams: TeamNode[] = [
      { id: 'root', parentId: null },
      { id: 'sub', parentId: 'root' },
      { id: 'other', parentId: null },
    ];
    expect(
      sessionVisibility(
        {
          kind: 'staff',
          organizationId: 'o1',
          userId: 'm',
          role: 'team-manager',
          teamId: null,
          managedTeamIds: ['root'],
        },
        teams,
      ),
    ).toEqual({ organizationId: 'o1', teamIds: ['root', 'sub'] });
    expect(
      sessionVisibility(
        {
          kind: 'staff',
          organizationId: 'o1',
          userId: 'a',
          role: 'agent',
          teamId: 'sub',
          managedTeamIds: [],
        },
        teams,
      ),
    ).toEqual({ organizationId: 'o1', agent: { userId: 'a', teamId: 'sub' } });
    expect(sessionVisibility({ kind: 'system' }, teams).none).toBe(true);
  });
});
