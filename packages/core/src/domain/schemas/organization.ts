import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common.js';
import { IncomingScope, OutgoingScope, PlanTier } from './enums.js';

/**
 * Organization-wide AI settings (SI-1, SI-2, SI-4, SI-10). Outgoing and incoming summaries are two
 * independent switches under the master `summariesEnabled` switch.
 */
export const AiSettings = z.object({
  summariesEnabled: z._default(z.boolean(), false),
  outgoing: z._default(
    z.object({ enabled: z.boolean(), scope: z._default(z.enum(OutgoingScope), OutgoingScope.all) }),
    { enabled: false, scope: OutgoingScope.all },
  ),
  incoming: z._default(
    z.object({
      enabled: z.boolean(),
      scope: z._default(z.enum(IncomingScope), IncomingScope.allDevices),
    }),
    { enabled: false, scope: IncomingScope.allDevices },
  ),
  /** BCP 47 language tag of generated summaries; English by default (SI-10). */
  summaryLanguage: z._default(z.string().check(z.minLength(2), z.maxLength(35)), 'en'),
});
/** Parsed AI settings (defaults applied). */
export type AiSettings = z.infer<typeof AiSettings>;

/**
 * An organization: the tenant boundary. Every other record carries its `organizationId` and nothing
 * crosses organizations.
 * @example
 * const org = z.parse(Organization, json);
 */
export const Organization = z.object({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  plan: z.enum(PlanTier),
  ai: z._default(AiSettings, {
    summariesEnabled: false,
    outgoing: { enabled: false, scope: OutgoingScope.all },
    incoming: { enabled: false, scope: IncomingScope.allDevices },
    summaryLanguage: 'en',
  }),
  /** When the main licence renews; purchased AI credits reset at that moment (SI-11). */
  licenceRenewsAt: IsoDateTime,
});
/** A parsed organization. */
export type Organization = z.infer<typeof Organization>;
