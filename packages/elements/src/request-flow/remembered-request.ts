import type { Me } from '../shared/sdk.js';

// The customer's request, remembered in this browser per organization and device (the device the
// access code belongs to), so a reload — or closing and reopening the page — comes back to it
// instead of to an empty form (VS-9). Storage may be unavailable (private modes, sandboxed frames):
// then nothing is remembered and the flow works as before.

type Customer = Extract<Me, { kind: 'customer' }>;

const keyOf = (me: Customer) => `sightline:request:${me.organizationId}:${me.deviceId}`;

/** The customer side of a sign-in, or `undefined` for staff and integrations. */
export function customerOf(me: Me | undefined): Customer | undefined {
  return me?.kind === 'customer' ? me : undefined;
}

/** The request this browser made last for the signed-in device, if any. */
export function rememberedRequest(me: Customer): string | undefined {
  try {
    return localStorage.getItem(keyOf(me)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the request just made (replacing an earlier one). */
export function rememberRequest(me: Customer, sessionId: string): void {
  try {
    localStorage.setItem(keyOf(me), sessionId);
  } catch {
    // Not remembered: a reload shows the form again.
  }
}

/** Forgets the remembered request (a new request was started, or the old one is gone). */
export function forgetRequest(me: Customer, sessionId?: string): void {
  try {
    if (sessionId === undefined || localStorage.getItem(keyOf(me)) === sessionId)
      localStorage.removeItem(keyOf(me));
  } catch {
    // Nothing stored.
  }
}

/**
 * Whether the browser lets this page use the camera without asking (granted before), so a reload
 * during a call can rejoin it without a click. `false` when unknown.
 */
export async function cameraAlreadyAllowed(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'camera' as PermissionName });
    return status.state === 'granted';
  } catch {
    return false;
  }
}
