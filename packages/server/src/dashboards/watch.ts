import { createHmac, timingSafeEqual } from 'node:crypto';
import { DASHBOARD_STREAM_MS } from '@sightline/core/domain';

/**
 * A watch of a dashboard (MC-7): when its live stream pauses. The snapshot hands out a signed
 * `watch` value, so a stream that reconnects (a network blip, a token refresh) keeps the pause time
 * of the watch it belongs to instead of starting a new 12 hours; only a person resuming starts one.
 */
export interface Watch {
  pausesAt: Date;
  value: string;
}

function sign(secret: Uint8Array, dashboardId: string, userId: string, pausesAt: number): string {
  return createHmac('sha256', secret).update(`${dashboardId}\n${userId}\n${pausesAt}`).digest('base64url');
}

/** A new watch starting at `now`. */
export function newWatch(secret: Uint8Array, dashboardId: string, userId: string, now: Date): Watch {
  const pausesAt = now.getTime() + DASHBOARD_STREAM_MS;
  return {
    pausesAt: new Date(pausesAt),
    value: `${pausesAt}.${sign(secret, dashboardId, userId, pausesAt)}`,
  };
}

/**
 * The pause time a `watch` value names, if it was made for this dashboard and user and does not
 * reach further than 12 hours from `now`; otherwise `undefined`.
 */
export function readWatch(
  secret: Uint8Array,
  dashboardId: string,
  userId: string,
  value: string,
  now: Date,
): Date | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return undefined;
  const pausesAt = Number(match[1]);
  const expected = Buffer.from(sign(secret, dashboardId, userId, pausesAt));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  if (pausesAt > now.getTime() + DASHBOARD_STREAM_MS) return undefined;
  return new Date(pausesAt);
}
