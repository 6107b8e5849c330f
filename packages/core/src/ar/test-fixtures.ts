import type { Capability } from '../domain/permissions/capabilities.js';
import { capabilitiesFor } from '../domain/permissions/capabilities.js';
import type { PortalFeatures } from '../domain/schemas/portal.js';
import { defaultPortalFeatures } from '../domain/schemas/portal-features.js';

// Shared by the Node and browser tests of the AR tools: the capabilities the shared rules give an
// agent and a customer on one session, through a portal with every AR feature on.

const portal: { features: PortalFeatures } = { features: { ...defaultPortalFeatures } };
const session = { organizationId: 'org-1', deviceId: 'device-1', teamId: 'team-1', assigneeIds: ['agent-1'] };
const teams = [{ id: 'team-1', parentId: null }];

/** An assigned agent's capabilities (staff: draw, screenshots, markers, mirror). */
export const staffCapabilities: ReadonlySet<Capability> = capabilitiesFor({
  actor: {
    kind: 'staff',
    organizationId: 'org-1',
    userId: 'agent-1',
    role: 'agent',
    teamId: 'team-1',
    managedTeamIds: [],
  },
  teams,
  portal,
  session,
});

/** The session's customer's capabilities (draw and screenshots, no markers or mirror). */
export const customerCapabilities: ReadonlySet<Capability> = capabilitiesFor({
  actor: { kind: 'customer', organizationId: 'org-1', deviceId: 'device-1' },
  teams,
  portal,
  session,
});
