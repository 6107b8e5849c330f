import type { FeatureSettings } from '../schemas/common.js';
import type { Feature, Role } from '../schemas/enums.js';
import type { PortalFeatures } from '../schemas/portal.js';
import { type Actor, canActAsStaff, canViewSession, type SessionScope } from '../session/access.js';
import {
  customerFeatures,
  effectiveFeatures,
  portalFeatureEnabled,
  type TeamWithFeatures,
} from './features.js';
import { hasIntegrationScope } from './integrations.js';

/**
 * Everything a user interface may offer and a server may allow. One list, used by both sides
 * (MC-1, MC-5, MC-11, SI-5).
 */
export const Capability = {
  sessionView: 'session.view',
  sessionCreate: 'session.create',
  sessionManage: 'session.manage',
  callJoin: 'call.join',
  chatSend: 'chat.send',
  recordingStart: 'recording.start',
  /** The customer answers the recording question (VS-10): the portal records sessions. */
  recordingConsent: 'recording.consent',
  recordingExport: 'recording.export',
  summaryView: 'summary.view',
  summaryEdit: 'summary.edit',
  summaryDelete: 'summary.delete',
  summaryExport: 'summary.export',
  summarySettings: 'summary.settings',
  creditsView: 'credits.view',
  teamManage: 'team.manage',
  userProvision: 'user.provision',
  portalSettings: 'portal.settings',
  reportView: 'report.view',
  arDraw: 'ar.draw',
  arScreenshot: 'ar.screenshot',
  arMarker: 'ar.marker',
  arMirror: 'ar.mirror',
} as const;
/** One of {@link Capability}. */
export type Capability = (typeof Capability)[keyof typeof Capability];

const all = Object.values(Capability);
const sessionWork: Capability[] = [
  'session.view',
  'session.create',
  'session.manage',
  'call.join',
  'chat.send',
  'recording.start',
  'recording.export',
  'ar.draw',
  'ar.screenshot',
  'ar.marker',
  'ar.mirror',
];

/**
 * Default capabilities per role before session scope and features narrow them (MC-1, SI-5). A
 * company manager may replace a role's list through `rolePermissions` (SI-5: "role permissions decide
 * who may view, edit, delete, export summaries and who may change the settings").
 */
export const defaultRoleCapabilities: Readonly<Record<Role, readonly Capability[]>> = {
  'company-manager': all,
  'team-manager': [
    ...sessionWork,
    'summary.view',
    'summary.edit',
    'summary.delete',
    'summary.export',
    'team.manage',
    'report.view',
  ],
  'api-manager': ['user.provision'],
  agent: [...sessionWork, 'summary.view', 'summary.export'],
};

/** What a customer may do in their own session, if the portal allows (VS-1, VS-8, VS-11, VS-12). */
export const customerCapabilities: readonly Capability[] = [
  'session.view',
  'session.create',
  'call.join',
  'chat.send',
  'recording.consent',
  'ar.draw',
  'ar.screenshot',
];

/** Capabilities that exist only in the scope of one session. */
const sessionScoped = new Set<Capability>([
  'session.view',
  'session.manage',
  'call.join',
  'chat.send',
  'recording.start',
  'recording.consent',
  'recording.export',
  'summary.view',
  'summary.edit',
  'summary.delete',
  'summary.export',
  'ar.draw',
  'ar.screenshot',
  'ar.marker',
  'ar.mirror',
]);

/** Capabilities that also need a feature switched on (MC-5). */
const featureOf: Partial<Record<Capability, Feature>> = {
  'recording.start': 'recording',
  'recording.consent': 'recording',
  'chat.send': 'chat',
  'ar.draw': 'drawing',
  'ar.screenshot': 'screenshots',
  'ar.marker': 'markers',
  'ar.mirror': 'mirror',
};

/** Input of {@link capabilitiesFor}. */
export interface CapabilityInput {
  actor: Actor;
  /** The organization's teams with their feature settings. */
  teams: readonly TeamWithFeatures[];
  /** The staff user's own feature overrides (MC-5). */
  user?: { featureOverrides?: FeatureSettings | undefined } | undefined;
  /**
   * The portal in question, with its feature modes (MC-1): `off` → nobody, `required` → every staff
   * member whatever their settings, `on` → the agent's settings decide. Without it, feature-bound
   * capabilities (AR, chat, recording) are not granted.
   */
  portal?: { features: PortalFeatures } | undefined;
  /** The session in question. Without it, session-scoped capabilities describe the role in general. */
  session?: SessionScope | undefined;
  /** Per-role replacements of {@link defaultRoleCapabilities} (SI-5, MC-1). */
  rolePermissions?: Partial<Record<Role, readonly Capability[]>> | undefined;
}

/**
 * What the actor may do. Steps: the role's list (or the customer list); then, with a `session`,
 * session-scoped capabilities only if the actor may act on it (VS-7; customers only on their own
 * device's sessions) and recording export per MC-11 (company managers all sessions, team managers
 * their teams' sessions including sub-teams, agents sessions assigned to them); then feature-bound
 * capabilities only if the portal and — for staff — the agent enable the feature (MC-5; a portal's
 * `required` wins over the agent's settings, its `off` over everything). A customer may create a
 * session only where the portal accepts requests (VS-2). Markers and mirror are staff
 * only (VS-13, VS-14).
 * @example
 * const caps = capabilitiesFor({ actor, teams, portal, session });
 * if (caps.has(Capability.arMarker)) showMarkerTool();
 */
export function capabilitiesFor(input: CapabilityInput): ReadonlySet<Capability> {
  const { actor, teams, portal, session } = input;
  if (actor.kind === 'system') return new Set();
  if (actor.kind === 'integration') {
    // Integration tokens (SI-12) hold what their scopes name, on the sessions they reach.
    if (session && !canViewSession(actor, session, teams)) return new Set();
    const granted = new Set<Capability>();
    if (hasIntegrationScope(actor, 'sessions:read')) granted.add('session.view');
    if (hasIntegrationScope(actor, 'summaries:read')) granted.add('summary.view').add('summary.export');
    if (hasIntegrationScope(actor, 'summaries:write')) granted.add('summary.edit');
    return granted;
  }

  let caps: readonly Capability[];
  let features: Record<Feature, boolean> | null = null;
  if (actor.kind === 'customer') {
    caps = customerCapabilities;
    if (portal) {
      features = customerFeatures(portal);
      if (!portalFeatureEnabled(portal.features, 'requests'))
        caps = caps.filter((c) => c !== 'session.create');
    }
  } else {
    caps = input.rolePermissions?.[actor.role] ?? defaultRoleCapabilities[actor.role];
    if (portal)
      features = effectiveFeatures(
        { teamId: actor.teamId, featureOverrides: input.user?.featureOverrides },
        teams,
        portal,
      );
  }

  const result = new Set<Capability>();
  const mayActOnSession = session ? canViewSession(actor, session, teams) : true;
  for (const cap of caps) {
    if (session && sessionScoped.has(cap) && !mayActOnSession) continue;
    if (session && cap === 'recording.export' && !mayExportRecording(actor, session, teams)) continue;
    const feature = featureOf[cap];
    if (feature && !features?.[feature]) continue;
    result.add(cap);
  }
  return result;
}

/**
 * MC-11: company managers export recordings of all sessions of their organization, team managers
 * those of their teams' sessions (including sub-teams), agents those of sessions assigned to them.
 * @example
 * mayExportRecording(agent, session, teams);
 */
export function mayExportRecording(
  actor: Actor,
  session: SessionScope,
  teams: readonly TeamWithFeatures[],
): boolean {
  if (actor.kind !== 'staff' || actor.organizationId !== session.organizationId) return false;
  if (actor.role === 'agent') return session.assigneeIds.includes(actor.userId);
  return canActAsStaff(actor, session, teams);
}
