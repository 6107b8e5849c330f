import { CallError } from './call-error.js';
import type { CallRole, ConnectionState } from './media-transport.js';

/** The data topic Sightline messages travel on in a LiveKit room (other topics are ignored). */
export const LIVEKIT_DATA_TOPIC = 'sightline';

/**
 * Map a LiveKit `ConnectionState` (a string enum in livekit-client) to ours. Both `reconnecting` and
 * `signalReconnecting` are `reconnecting`: in either case media may pause and the call is being recovered.
 * @example
 * mapLiveKitConnectionState('signalReconnecting'); // 'reconnecting'
 */
export function mapLiveKitConnectionState(state: string): ConnectionState {
  switch (state) {
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'reconnecting':
    case 'signalReconnecting':
      return 'reconnecting';
    default:
      return 'disconnected';
  }
}

/**
 * Map an error thrown by livekit-client to a {@link CallError}: capture failures by their DOM name,
 * `ConnectionError` (token refused, server unreachable, timeout) to `connection-failed`; with `cause` kept.
 * @example
 * try { await room.connect(url, token); } catch (e) { return fail(mapLiveKitError(e)); }
 */
export function mapLiveKitError(error: unknown): CallError {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (
    name === 'NotAllowedError' ||
    name === 'NotFoundError' ||
    name === 'NotReadableError' ||
    name === 'OverconstrainedError' ||
    name === 'SecurityError' ||
    name === 'AbortError'
  ) {
    return CallError.fromMediaError(error);
  }
  if (name === 'ConnectionError' || name === 'SignalRequestError' || name === 'NegotiationError') {
    return new CallError('connection-failed', 'Could not connect to the media server', { cause: error });
  }
  return new CallError('connection-failed', 'The media server connection failed', { cause: error });
}

/** LiveKit's `VideoCaptureOptions`, as far as {@link liveKitCameraOptions} fills it in. */
export interface LiveKitCameraOptions {
  deviceId?: { exact: string };
  facingMode?: 'user' | 'environment';
  resolution: { width: number; height: number };
}

/**
 * Camera capture options for LiveKit, with the same choice as the peer-to-peer transport: an explicit
 * device exactly, else the rear camera for customers on phones (VS-9), else the default.
 * @example
 * await room.localParticipant.setCameraEnabled(true, liveKitCameraOptions({ role: 'customer', isPhone: true }));
 */
export function liveKitCameraOptions(choice: {
  role: CallRole;
  isPhone: boolean;
  deviceId?: string | undefined;
}): LiveKitCameraOptions {
  const resolution = { width: 1280, height: 720 };
  if (choice.deviceId) return { resolution, deviceId: { exact: choice.deviceId } };
  if (choice.role === 'customer' && choice.isPhone) return { resolution, facingMode: 'environment' };
  return { resolution };
}
