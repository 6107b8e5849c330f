import type { CallRole } from './media-transport.js';

/** The parts of `navigator` that {@link looksLikePhone} reads (injectable for tests). */
export interface DeviceHints {
  readonly userAgent: string;
  readonly userAgentData?: { readonly mobile?: boolean } | undefined;
}

/**
 * Whether the device looks like a phone, from User-Agent Client Hints when present, the UA string
 * otherwise. Tablets count as not-a-phone: their rear camera is awkward to aim at a problem.
 * @example
 * looksLikePhone(navigator); // true on Android phones and iPhones
 */
export function looksLikePhone(hints: DeviceHints): boolean {
  if (typeof hints.userAgentData?.mobile === 'boolean') return hints.userAgentData.mobile;
  return /iPhone|iPod|Android.+Mobile|Windows Phone|Mobi/i.test(hints.userAgent);
}

/** What {@link videoConstraints} bases its choice on. */
export interface VideoChoice {
  readonly role: CallRole;
  /** From an injected detector, e.g. `looksLikePhone(navigator)`. */
  readonly isPhone: boolean;
  /** An explicitly chosen camera; wins over every preference. */
  readonly deviceId?: string | undefined;
}

/**
 * The `getUserMedia` video constraints for a participant: an explicitly chosen camera exactly;
 * otherwise the rear camera for a customer on a phone (VS-9: they show the problem, not their face),
 * as an `ideal` so a phone without one still gets a camera; otherwise the default camera.
 * @example
 * videoConstraints({ role: 'customer', isPhone: true });
 * // { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: { ideal: 'environment' } }
 */
export function videoConstraints(choice: VideoChoice): MediaTrackConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  if (choice.deviceId) return { ...size, deviceId: { exact: choice.deviceId } };
  if (choice.role === 'customer' && choice.isPhone) return { ...size, facingMode: { ideal: 'environment' } };
  return size;
}

/**
 * The `getUserMedia` audio constraints: an explicitly chosen microphone exactly, with the browser's
 * speech processing on.
 * @example
 * audioConstraints('default'); // { echoCancellation: true, noiseSuppression: true, deviceId: { exact: 'default' } }
 */
export function audioConstraints(deviceId?: string): MediaTrackConstraints {
  const processing = { echoCancellation: true, noiseSuppression: true };
  return deviceId ? { ...processing, deviceId: { exact: deviceId } } : processing;
}
