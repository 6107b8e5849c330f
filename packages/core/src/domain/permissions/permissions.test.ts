import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Feature, Feature as Features } from '../schemas/enums.js';
import type { PortalFeatures } from '../schemas/portal.js';
import { FeatureMode } from '../schemas/portal-features.js';
import type { Actor } from '../session/access.js';
import { type Capability, capabilitiesFor, defaultRoleCapabilities } from './capabilities.js';
import { agentFeatures, customerFeatures, effectiveFeatures, type TeamWithFeatures } from './features.js';
import { canMoveAgent } from './move-agent.js';

const teams: TeamWithFeatures[] = [
  { id: 'root', parentId: null, features: { mirror: false } },
  { id: 'support', parentId: 'root', features: { markers: false } },
  { id: 'field', parentId: 'support', features: { mirror: true } },
  { id: 'sales', parentId: 'root' },
];
const portalFeatures: PortalFeatures = {
  requests: 'on',
  recording: 'on',
  screenshots: 'on',
  drawing: 'on',
  markers: 'on',
  mirror: 'on',
  chat: 'on',
  summaries: 'on',
};
const portal = { features: portalFeatures };
const session = { organizationId: 'o1', deviceId: 'd1', teamId: 'field', assigneeIds: ['agent-1'] };
const staff = (
  role: Extract<Actor, { kind: 'staff' }>['role'],
  patch: Partial<Extract<Actor, { kind: 'staff' }>> = {},
): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId: `${role}-1`,
  role,
  teamId: role === 'agent' ? 'field' : null,
  managedTeamIds: role === 'team-manager' ? ['support'] : [],
  ...patch,
});
const customer: Actor = { kind: 'customer', organizationId: 'o1', deviceId: 'd1' };
const sorted = (caps: ReadonlySet<Capability>) => [...caps].sort();

describe('feature settings (MC-5)', () => {
  it('MC-5: team settings are inherited down the tree, the nearest setting winning', () => {
    const f = agentFeatures({ teamId: 'field' }, teams);
    expect(f.mirror).toBe(true);
    expect(f.markers).toBe(false);
    expect(f.drawing).toBe(true);
    expect(agentFeatures({ teamId: 'sales' }, teams).mirror).toBe(false);
  });

  it('MC-5: an agent override beats the team setting', () => {
    expect(agentFeatures({ teamId: 'field', featureOverrides: { markers: true } }, teams).markers).toBe(true);
  });

  it('MC-5: a feature is available only if enabled for both the portal and the agent', () => {
    const off = { features: { ...portalFeatures, drawing: 'off', recording: 'off' } as const };
    const f = effectiveFeatures({ teamId: 'field' }, teams, off);
    expect(f.drawing).toBe(false);
    expect(f.recording).toBe(false);
    expect(f.markers).toBe(false);
    expect(f.screenshots).toBe(true);
  });

  it('MC-1: a portal’s required feature is on whatever team and agent settings say', () => {
    const required = { features: { ...portalFeatures, markers: 'required' } as const };
    expect(effectiveFeatures({ teamId: 'field' }, teams, required).markers).toBe(true);
    const overridden = { teamId: 'field', featureOverrides: { markers: false } };
    expect(effectiveFeatures(overridden, teams, required).markers).toBe(true);
  });

  it('MC-1: a portal’s off feature stays off whatever team and agent settings say', () => {
    const off = { features: { ...portalFeatures, mirror: 'off' } as const };
    const overridden = { teamId: 'field', featureOverrides: { mirror: true } };
    expect(effectiveFeatures(overridden, teams, off).mirror).toBe(false);
  });

  it('MC-1, MC-5: required ⇒ on, off ⇒ off, on ⇒ the agent decides (property)', () => {
    const settings = fc.dictionary(fc.constantFrom(...Object.values(Features)), fc.boolean());
    const modes = fc.record(
      Object.fromEntries(
        Object.keys(portalFeatures).map((k) => [k, fc.constantFrom(...Object.values(FeatureMode))]),
      ) as { [K in keyof PortalFeatures]: fc.Arbitrary<FeatureMode> },
    );
    fc.assert(
      fc.property(settings, settings, settings, modes, (root, sub, override, portalModes) => {
        const tree: TeamWithFeatures[] = [
          { id: 'r', parentId: null, features: root },
          { id: 's', parentId: 'r', features: sub },
        ];
        const user = { teamId: 's', featureOverrides: override };
        const eff = effectiveFeatures(user, tree, { features: portalModes });
        const own = agentFeatures(user, tree);
        const forCustomer = customerFeatures({ features: portalModes });
        for (const f of Object.values(Features) as Feature[]) {
          const m = portalModes[f];
          if (m === 'required') expect(eff[f]).toBe(true);
          if (m === 'off') expect(eff[f]).toBe(false);
          if (m === 'on') expect(eff[f]).toBe(own[f]);
          expect(forCustomer[f]).toBe(m !== 'off');
        }
        const caps = capabilitiesFor({
          actor: staff('agent', { userId: 'agent-1', teamId: 's' }),
          teams: tree,
          user: { featureOverrides: override },
          portal: { features: portalModes },
        });
        expect(caps.has('ar.screenshot')).toBe(eff.screenshots);
        expect(caps.has('ar.marker')).toBe(eff.markers);
      }),
    );
  });
});

describe('capabilities per role (MC-1, MC-11, SI-5)', () => {
  it('MC-1: a company manager may do everything in their organization', () => {
    const caps = capabilitiesFor({ actor: staff('company-manager'), teams, portal, session });
    for (const c of [
      'summary.settings',
      'portal.settings',
      'team.manage',
      'user.provision',
      'recording.export',
    ] as const) {
      expect(caps.has(c)).toBe(true);
    }
  });

  it('MC-1: an API manager only provisions users', () => {
    expect(sorted(capabilitiesFor({ actor: staff('api-manager'), teams, portal }))).toEqual([
      'user.provision',
    ]);
  });

  it('VS-7: a team manager has no session capabilities on sessions outside their teams', () => {
    const caps = capabilitiesFor({
      actor: staff('team-manager', { managedTeamIds: ['sales'] }),
      teams,
      portal,
      session,
    });
    expect(caps.has('session.view')).toBe(false);
    expect(caps.has('call.join')).toBe(false);
    expect(caps.has('team.manage')).toBe(true);
  });

  it('SI-5: by default agents view and export summaries but do not edit, delete or change settings', () => {
    const caps = capabilitiesFor({ actor: staff('agent', { userId: 'agent-1' }), teams, portal, session });
    expect(caps.has('summary.view')).toBe(true);
    expect(caps.has('summary.export')).toBe(true);
    expect(caps.has('summary.edit')).toBe(false);
    expect(caps.has('summary.delete')).toBe(false);
    expect(caps.has('summary.settings')).toBe(false);
  });

  it('SI-5: role permissions replace the defaults of a role', () => {
    const rolePermissions = { agent: [...defaultRoleCapabilities.agent, 'summary.edit' as const] };
    const caps = capabilitiesFor({
      actor: staff('agent', { userId: 'agent-1' }),
      teams,
      portal,
      session,
      rolePermissions,
    });
    expect(caps.has('summary.edit')).toBe(true);
  });

  it('MC-11: company managers export recordings of every session', () => {
    const caps = capabilitiesFor({ actor: staff('company-manager'), teams, portal, session });
    expect(caps.has('recording.export')).toBe(true);
  });

  it('MC-11: team managers export recordings of their teams’ sessions, including sub-teams', () => {
    expect(
      capabilitiesFor({ actor: staff('team-manager'), teams, portal, session }).has('recording.export'),
    ).toBe(true);
    const other = staff('team-manager', { managedTeamIds: ['sales'] });
    expect(capabilitiesFor({ actor: other, teams, portal, session }).has('recording.export')).toBe(false);
  });

  it('MC-11: agents export recordings of their own sessions only', () => {
    const own = staff('agent', { userId: 'agent-1' });
    expect(capabilitiesFor({ actor: own, teams, portal, session }).has('recording.export')).toBe(true);
    const unassigned = { ...session, assigneeIds: [] };
    expect(capabilitiesFor({ actor: own, teams, portal, session: unassigned }).has('recording.export')).toBe(
      false,
    );
    expect(capabilitiesFor({ actor: own, teams, portal, session: unassigned }).has('session.manage')).toBe(
      true,
    );
  });

  it('MC-5: AR tools follow the effective features of the agent in the portal', () => {
    const caps = capabilitiesFor({ actor: staff('agent', { userId: 'agent-1' }), teams, portal, session });
    expect(caps.has('ar.mirror')).toBe(true);
    expect(caps.has('ar.marker')).toBe(false);
    const overridden = capabilitiesFor({
      actor: staff('agent', { userId: 'agent-1' }),
      user: { featureOverrides: { markers: true } },
      teams,
      portal,
      session,
    });
    expect(overridden.has('ar.marker')).toBe(true);
  });

  it('MC-5: without a portal no feature-bound capability is granted', () => {
    const caps = capabilitiesFor({ actor: staff('agent', { userId: 'agent-1' }), teams, session });
    expect(caps.has('ar.draw')).toBe(false);
    expect(caps.has('recording.start')).toBe(false);
    expect(caps.has('session.manage')).toBe(true);
  });

  it('VS-10, VS-11, VS-12: a customer views their session, joins, draws, takes screenshots and answers the recording question; markers and mirror are staff only', () => {
    expect(sorted(capabilitiesFor({ actor: customer, teams, portal, session }))).toEqual([
      'ar.draw',
      'ar.screenshot',
      'call.join',
      'chat.send',
      'recording.consent',
      'session.create',
      'session.view',
    ]);
  });

  it('VS-10: no recording question where the portal does not record', () => {
    const off = { ...portal, features: { ...portal.features, recording: 'off' as const } };
    expect(capabilitiesFor({ actor: customer, teams, portal: off, session }).has('recording.consent')).toBe(
      false,
    );
  });

  it('VS-12: a customer cannot draw where the portal disables drawing', () => {
    const noDrawing = { features: { ...portalFeatures, drawing: 'off' } as const };
    expect(capabilitiesFor({ actor: customer, teams, portal: noDrawing, session }).has('ar.draw')).toBe(
      false,
    );
  });

  it('VS-2: a customer cannot request a session where the portal refuses requests', () => {
    const closed = { features: { ...portalFeatures, requests: 'off' } as const };
    expect(capabilitiesFor({ actor: customer, teams, portal: closed }).has('session.create')).toBe(false);
  });

  it('MC-1: a customer gets a required feature and never an off one', () => {
    const modes = { features: { ...portalFeatures, screenshots: 'off', drawing: 'required' } as const };
    const caps = capabilitiesFor({ actor: customer, teams, portal: modes, session });
    expect(caps.has('ar.screenshot')).toBe(false);
    expect(caps.has('ar.draw')).toBe(true);
  });

  it('VS-7: a customer has nothing on another device’s session, and the system actor has nothing', () => {
    const other: Actor = { kind: 'customer', organizationId: 'o1', deviceId: 'd2' };
    expect(sorted(capabilitiesFor({ actor: other, teams, portal, session }))).toEqual(['session.create']);
    expect(capabilitiesFor({ actor: { kind: 'system' }, teams, portal, session }).size).toBe(0);
  });
});

describe('moving agents (MC-3)', () => {
  const agent = { organizationId: 'o1', role: 'agent', teamId: 'field' };

  it('MC-3: a team manager moves agents between teams they manage', () => {
    const manager = staff('team-manager', { managedTeamIds: ['support', 'sales'] });
    expect(canMoveAgent(manager, agent, 'field', 'sales', teams)).toBe(true);
  });

  it('MC-3: a team manager may not move agents to or from a team they do not manage', () => {
    const manager = staff('team-manager', { managedTeamIds: ['support'] });
    expect(canMoveAgent(manager, agent, 'field', 'sales', teams)).toBe(false);
    expect(canMoveAgent(manager, { ...agent, teamId: 'sales' }, 'sales', 'field', teams)).toBe(false);
  });

  it('MC-3: a company manager moves any agent of the organization; agents and other organizations may not', () => {
    expect(canMoveAgent(staff('company-manager'), agent, 'field', 'sales', teams)).toBe(true);
    expect(
      canMoveAgent(staff('company-manager', { organizationId: 'o2' }), agent, 'field', 'sales', teams),
    ).toBe(false);
    expect(canMoveAgent(staff('agent'), agent, 'field', 'sales', teams)).toBe(false);
  });

  it('MC-3: the agent must be in the source team and the target must be another known team', () => {
    const cm = staff('company-manager');
    expect(canMoveAgent(cm, agent, 'sales', 'root', teams)).toBe(false);
    expect(canMoveAgent(cm, agent, 'field', 'field', teams)).toBe(false);
    expect(canMoveAgent(cm, agent, 'field', 'nowhere', teams)).toBe(false);
  });
});
