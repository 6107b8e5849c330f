import * as z from 'zod/mini';
import { Id } from './common.js';
import { SummaryAccess } from './enums.js';

/**
 * Device policy for incoming summaries (SI-4; seed 000 "TeamViewer-Richtlinie", seed 002
 * "política"). Only managed devices can carry a policy. `enforced` means the device user cannot turn
 * summaries off.
 */
export const DevicePolicy = z.object({ summaries: z.boolean(), enforced: z._default(z.boolean(), false) });
/** A parsed device policy. */
export type DevicePolicy = z.infer<typeof DevicePolicy>;

/**
 * A customer device, reached through an access code or QR code. It belongs to one team; it may be
 * assigned to one agent (VS-3).
 * @example
 * const device = z.parse(Device, { id: 'd1', organizationId: 'o1', name: 'Pump 7', teamId: 't1' });
 * device.summaryAccess; // 'after-confirmation'
 */
export const Device = z
  .object({
    id: Id,
    organizationId: Id,
    name: z.string().check(z.minLength(1), z.maxLength(200)),
    teamId: Id,
    assigneeId: z.optional(Id),
    managed: z._default(z.boolean(), false),
    policy: z.optional(DevicePolicy),
    summaryAccess: z._default(z.enum(SummaryAccess), SummaryAccess.afterConfirmation),
  })
  .check(
    z.refine((d) => d.managed || d.policy === undefined, {
      message: 'Policies can only be assigned to managed devices (SI-4)',
      path: ['policy'],
    }),
  );
/** A parsed device. */
export type Device = z.infer<typeof Device>;
