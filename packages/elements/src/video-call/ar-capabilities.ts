// Imported from core directly, not re-exported through ../shared/sdk.ts: that module is part of the
// request-flow / inbox bundle, and a value re-exported there is hoisted into that bundle's chunks.
import { capabilitiesFor, defaultPortalFeatures } from '@sightline/core/domain';
import { actorOf } from '@sightline/core/sdk';
import type { Actor, Capability, Me, PortalFeatures } from '../shared/sdk.js';

/** The AR capabilities, the only ones the call's tool bar cares about. */
export type ArCapability = Extract<Capability, `ar.${string}`>;

const AR: readonly ArCapability[] = ['ar.draw', 'ar.screenshot', 'ar.marker', 'ar.mirror'];

// Portal features unknown to the page: offer what the role allows and let the server (which knows the
// portal) refuse. Everything that reaches the other side is checked again by its AR machine.
const UNKNOWN_PORTAL: PortalFeatures = defaultPortalFeatures;

/**
 * The AR tools this side of a call may use, by the shared permission rules (`capabilitiesFor`):
 * drawing and screenshots for both sides, markers and mirror for staff only (VS-11 … VS-14), each
 * also subject to the portal's feature modes when the portal's features are known (MC-5). When the
 * server has said what the caller may do in the session (`capabilities` of the session or call), only
 * those tools remain: the server knows the portal, team and agent settings, so a disabled tool is
 * hidden instead of failing on click.
 * `side` wins over the signed-in user's kind (a host may show a staff element without an SDK).
 * @example
 * arCapabilities('customer', me, { drawing: 'off' }); // Set { 'ar.screenshot' }
 * arCapabilities('staff', me, undefined, session.capabilities);
 */
export function arCapabilities(
  side: 'staff' | 'customer',
  me: Me | undefined,
  features?: Partial<PortalFeatures>,
  server?: readonly string[],
): ReadonlySet<ArCapability> {
  let actor: Actor;
  if (me && me.kind === side) actor = actorOf(me);
  else if (side === 'customer') actor = { kind: 'customer', organizationId: '-', deviceId: '-' };
  else
    actor = {
      kind: 'staff',
      organizationId: '-',
      userId: '-',
      role: 'agent',
      teamId: null,
      managedTeamIds: [],
    };
  const all = capabilitiesFor({ actor, teams: [], portal: { features: { ...UNKNOWN_PORTAL, ...features } } });
  return new Set(AR.filter((c) => all.has(c) && (!server || server.includes(c))));
}
