import {
  allFeatures,
  type Capability,
  capabilitiesFor,
  customerFeatures,
  defaultPortalFeatures,
  effectiveFeatures,
  type Feature,
  type FeatureMap,
  type FeatureSettings,
  type PortalFeatures,
  settingValuesOf,
  type TeamWithFeatures,
} from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Principal, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import type { SessionWire } from '../sessions/schemas.js';
import {
  type CallRow,
  type SessionRow,
  sessionScope,
  sessionToWire,
  type WrittenSessionRow,
} from '../sessions/store.js';
import { teamNodeOf } from '../settings/load.js';

/**
 * What the feature rules need to know about one caller, loaded once per request (MC-1, MC-5): the
 * feature modes of the organization's portals, its teams with their feature settings and — for
 * staff — the caller's own overrides.
 */
export interface FeatureContext {
  actor: Principal['actor'];
  portals: ReadonlyMap<string, PortalFeatures>;
  teams: readonly TeamWithFeatures[];
  overrides: FeatureSettings | undefined;
}

/**
 * Loads the caller's {@link FeatureContext} in one round trip: the portals' modes, the live teams
 * with their settings and the caller's own overrides (MC-5). Settings documents are read by the
 * same rules as the settings routes (`settings/load.ts`: `teamNodeOf`, the domain's
 * `settingValuesOf`).
 */
export async function loadFeatureContext(
  db: Kysely<Database>,
  actor: Principal['actor'],
): Promise<FeatureContext> {
  const userId = actor.kind === 'staff' ? actor.userId : null;
  return { actor, ...(await loadFeatureInputs(db, actor.organizationId, userId)) };
}

/**
 * {@link loadFeatureContext} outside a transaction, from the read cache while no portal, team or
 * user has been written since (the hot path of every session read).
 */
export async function featureContextOf(
  services: Services,
  actor: Principal['actor'],
): Promise<FeatureContext> {
  const userId = actor.kind === 'staff' ? actor.userId : null;
  const inputs = await services.handle.cache.get(
    `features:${actor.organizationId}:${userId ?? ''}`,
    ['portals', 'teams', 'users'],
    () => loadFeatureInputs(services.handle.db, actor.organizationId, userId),
  );
  return { actor, ...inputs };
}

async function loadFeatureInputs(
  db: Kysely<Database>,
  organizationId: string,
  userId: string | null,
): Promise<Omit<FeatureContext, 'actor'>> {
  const { rows } = await sql<{
    portals: Record<string, PortalFeatures> | null;
    teams: { id: string; parentId: string | null; settings: unknown }[] | null;
    overrides: unknown;
  }>`select
      (select json_object_agg(p.id, p.features) from portals p where p.organization_id = ${organizationId}) as portals,
      (select json_agg(json_build_object('id', t.id, 'parentId', t.parent_id, 'settings', t.settings))
        from teams t where t.organization_id = ${organizationId} and t.deleted_at is null) as teams,
      (select u.settings from users u
        where u.id = ${userId} and u.organization_id = ${organizationId} and u.deleted_at is null) as overrides`.execute(
    db,
  );
  const row = rows[0];
  const { logSessions: _, ...overrides } = settingValuesOf(row?.overrides ?? {});
  return {
    portals: new Map(Object.entries(row?.portals ?? {})),
    teams: (row?.teams ?? []).map(teamNodeOf),
    overrides,
  };
}

function portalOf(context: FeatureContext, portalId: string): PortalFeatures {
  // A portal row always has features; the default only covers a portal deleted under our feet.
  return { ...defaultPortalFeatures, ...context.portals.get(portalId) };
}

/**
 * The caller's features in a portal (MC-5): for staff the portal's modes with their own settings
 * (`required` on, `off` off, `on` as the settings say), for customers the portal's modes.
 */
export function featuresIn(context: FeatureContext, portalId: string): FeatureMap {
  const portal = { features: portalOf(context, portalId) };
  const { actor } = context;
  if (actor.kind === 'customer') return customerFeatures(portal);
  // Integration tokens (SI-12) take part in no call: no feature is theirs.
  if (actor.kind === 'integration')
    return Object.fromEntries(allFeatures.map((f) => [f, false])) as FeatureMap;
  return effectiveFeatures(
    { teamId: actor.teamId, featureOverrides: context.overrides },
    context.teams,
    portal,
  );
}

/** The caller's capabilities in a session, sorted (what the session and call wire shapes carry). */
export function capabilitiesIn(context: FeatureContext, row: WrittenSessionRow): Capability[] {
  return [
    ...capabilitiesFor({
      actor: context.actor,
      teams: context.teams,
      user: { featureOverrides: context.overrides },
      portal: { features: portalOf(context, row.portal_id) },
      session: sessionScope(row),
    }),
  ].sort();
}

/**
 * A serializer of sessions for one caller: the wire form plus the caller's capabilities in each
 * session, from a context loaded once (one query however many sessions).
 * @example
 * const toWire = await sessionWireFor(services, principal);
 * c.json(toWire(row, calls));
 */
export async function sessionWireFor(
  services: Services,
  principal: Principal,
): Promise<(row: WrittenSessionRow, calls: readonly CallRow[]) => SessionWire> {
  const context = await featureContextOf(services, principal.actor);
  return (row, calls) => ({ ...sessionToWire(row, calls), capabilities: capabilitiesIn(context, row) });
}

/**
 * Refuses, with a 403 naming the feature, a caller for whom the feature is off in the session's
 * portal (MC-5): staff by the portal and their own settings, customers by the portal.
 * @example
 * await requireFeature(services, principal, session, 'screenshots');
 */
export async function requireFeature(
  services: Services,
  principal: Principal,
  session: Pick<SessionRow, 'portal_id'>,
  feature: Feature,
): Promise<void> {
  const context = await featureContextOf(services, principal.actor);
  if (!featuresIn(context, session.portal_id)[feature]) throw featureDisabled(feature);
}

/** The 403 problem of a feature that is off for the caller. */
export function featureDisabled(feature: Feature): ProblemError {
  return new ProblemError(
    403,
    'feature-disabled',
    `The feature “${feature}” is turned off for you in this portal.`,
    {
      feature,
    },
  );
}
