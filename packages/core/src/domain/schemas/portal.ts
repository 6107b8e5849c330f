import * as z from 'zod/mini';
import { Id } from './common.js';

/** Feature switches of a portal (MC-6; company managers only). */
/** A new portal's features: requests on, recording and summaries off until turned on, every AR tool on. */
export const defaultPortalFeatures: Readonly<PortalFeatures> = Object.freeze({
  requestsEnabled: true,
  recordingEnabled: false,
  summariesEnabled: false,
  drawing: true,
  screenshots: true,
  markers: true,
  mirror: true,
  chat: true,
  localRecordingsOnly: false,
});

export const PortalFeatures = z.object({
  /** Customers may request sessions through this portal (VS-2). */
  requestsEnabled: z._default(z.boolean(), true),
  /** Sessions through this portal may be recorded (VS-10). */
  recordingEnabled: z._default(z.boolean(), false),
  /** Outgoing summaries when the organization's outgoing scope is `selected-portals` (SI-2). */
  summariesEnabled: z._default(z.boolean(), false),
  drawing: z._default(z.boolean(), true),
  screenshots: z._default(z.boolean(), true),
  markers: z._default(z.boolean(), true),
  mirror: z._default(z.boolean(), true),
  chat: z._default(z.boolean(), true),
  /** Keep recordings on the recording side only, never uploaded (MC-12). */
  localRecordingsOnly: z._default(z.boolean(), false),
});
/** Parsed portal features (defaults applied). */
export type PortalFeatures = z.infer<typeof PortalFeatures>;

/** A sub-portal: its own URL path under the portal (MC-6). */
export const SubPortal = z.object({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  slug: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
});
/** A parsed sub-portal. */
export type SubPortal = z.infer<typeof SubPortal>;

/**
 * A portal: an entry point customers come through, with at least one sub-portal (MC-6).
 * @example
 * const portal = z.parse(Portal, json);
 * if (!portal.features.requestsEnabled) showRequestsDisabled();
 */
export const Portal = z.object({
  id: Id,
  organizationId: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  slug: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
  subPortals: z.array(SubPortal).check(z.minLength(1)),
  features: z._default(PortalFeatures, () => ({ ...defaultPortalFeatures })),
  teamIds: z._default(z.array(Id), []),
  reportEmail: z.optional(z.email()),
});
/** A parsed portal. */
export type Portal = z.infer<typeof Portal>;
