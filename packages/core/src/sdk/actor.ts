import type { components } from '@sightline/api-client';
import type { Actor, IntegrationScope } from '@sightline/core/domain';

type Me = components['schemas']['Me'];

/** The actor the shared rules reason about, from `/v1/me`. */
export function actorOf(me: Me): Actor {
  switch (me.kind) {
    case 'customer':
      return {
        kind: 'customer',
        organizationId: me.organizationId,
        deviceId: me.deviceId,
        ...(me.sessionId !== undefined ? { sessionId: me.sessionId } : {}),
      };
    case 'integration':
      // A host app's integration token (SI-12): it acts by scope within its limits.
      return {
        kind: 'integration',
        organizationId: me.organizationId,
        tokenId: me.tokenId,
        scopes: me.scopes as IntegrationScope[],
        portalIds: me.portalIds,
        teamIds: me.teamIds,
        sessionId: me.sessionId,
      };
    default:
      return {
        kind: 'staff',
        organizationId: me.organizationId,
        userId: me.userId,
        role: me.role,
        teamId: me.teamId,
        managedTeamIds: me.managedTeamIds,
      };
  }
}
