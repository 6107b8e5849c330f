import { describe, expect, it } from 'vitest';
import { liveKitCameraOptions, mapLiveKitConnectionState, mapLiveKitError } from './livekit-mapping.js';

describe('LiveKit mapping helpers', () => {
  it('maps every LiveKit connection state', () => {
    expect(
      ['disconnected', 'connecting', 'connected', 'reconnecting', 'signalReconnecting'].map(
        mapLiveKitConnectionState,
      ),
    ).toEqual(['disconnected', 'connecting', 'connected', 'reconnecting', 'reconnecting']);
  });

  it('maps capture and connection errors to call error codes', () => {
    const named = (name: string) => Object.assign(new Error(name), { name });
    expect(mapLiveKitError(named('NotAllowedError')).code).toBe('permission-denied');
    expect(mapLiveKitError(named('NotFoundError')).code).toBe('device-not-found');
    expect(mapLiveKitError(named('NotReadableError')).code).toBe('device-in-use');
    expect(mapLiveKitError(named('ConnectionError')).code).toBe('connection-failed');
    expect(mapLiveKitError('weird').code).toBe('connection-failed');
    expect(mapLiveKitError(named('ConnectionError')).cause).toBeInstanceOf(Error);
  });

  it('chooses camera options like the peer-to-peer transport (VS-9)', () => {
    expect(liveKitCameraOptions({ role: 'customer', isPhone: true }).facingMode).toBe('environment');
    expect(liveKitCameraOptions({ role: 'staff', isPhone: true }).facingMode).toBeUndefined();
    expect(liveKitCameraOptions({ role: 'customer', isPhone: true, deviceId: 'c' })).toEqual({
      resolution: { width: 1280, height: 720 },
      deviceId: { exact: 'c' },
    });
  });
});
