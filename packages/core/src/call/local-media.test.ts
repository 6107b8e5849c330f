import { describe, expect, it } from 'vitest';
import { audioConstraints, looksLikePhone, videoConstraints } from './local-media.js';

describe('capture constraints (VS-9)', () => {
  it('detects phones from client hints first, then the UA string', () => {
    expect(looksLikePhone({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' })).toBe(
      true,
    );
    expect(looksLikePhone({ userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari' })).toBe(
      true,
    );
    expect(looksLikePhone({ userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-X900) Safari' })).toBe(false); // tablet
    expect(looksLikePhone({ userAgent: 'iPhone', userAgentData: { mobile: false } })).toBe(false);
    expect(looksLikePhone({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe(false);
  });

  it('prefers the rear camera for customers on phones, as an ideal', () => {
    expect(videoConstraints({ role: 'customer', isPhone: true }).facingMode).toEqual({
      ideal: 'environment',
    });
    expect(videoConstraints({ role: 'customer', isPhone: false }).facingMode).toBeUndefined();
    expect(videoConstraints({ role: 'staff', isPhone: true }).facingMode).toBeUndefined();
  });

  it('uses an explicitly chosen device exactly, over any preference', () => {
    const c = videoConstraints({ role: 'customer', isPhone: true, deviceId: 'cam-2' });
    expect(c.deviceId).toEqual({ exact: 'cam-2' });
    expect(c.facingMode).toBeUndefined();
    expect(audioConstraints('mic-1').deviceId).toEqual({ exact: 'mic-1' });
    expect(audioConstraints().deviceId).toBeUndefined();
  });
});
