/**
 * Why a call operation failed. Every expected media failure is one of these codes, so a UI can show a
 * precise message (and a host can log it) without parsing browser error strings.
 */
export const CallErrorCode = {
  /** The user or the browser refused camera/microphone access (`NotAllowedError`, `SecurityError`). */
  permissionDenied: 'permission-denied',
  /** No device matches the request (`NotFoundError`, `OverconstrainedError` on `deviceId: {exact}`). */
  deviceNotFound: 'device-not-found',
  /** The device exists but another application holds it (`NotReadableError`, `AbortError`). */
  deviceInUse: 'device-in-use',
  /** A signaling message could not be sent, or one received was malformed. */
  signalingFailed: 'signaling-failed',
  /**
   * The call's signal stream has not opened in time: the browser is most likely holding every
   * connection it allows to the server (HTTP/1.1: six per origin, shared by all tabs) for other
   * streams. The call goes on once it opens.
   */
  signalingBlocked: 'signaling-blocked',
  /** The media connection could not be established or recovered. */
  connectionFailed: 'connection-failed',
  /** A data message failed validation (sending or receiving); it was dropped. */
  invalidMessage: 'invalid-message',
  /** A data message is larger than the transport accepts. */
  messageTooLarge: 'message-too-large',
  /** The operation needs a joined call (after `join()`, before `leave()`). */
  notJoined: 'not-joined',
  /** The chosen transport cannot run here (e.g. no `RTCPeerConnection`, or its module failed to load). */
  unsupported: 'unsupported',
} as const;

/** One of {@link CallErrorCode}'s values. */
export type CallErrorCode = (typeof CallErrorCode)[keyof typeof CallErrorCode];

/**
 * The one error type of the call layer: a stable `code`, a developer-facing message and the original
 * `cause`. Returned as a value (see {@link CallResult}) or emitted on `errors$`; never thrown for an
 * expected failure.
 * @example
 * const result = await transport.join();
 * if (!result.ok && result.error.code === 'permission-denied') showCameraHelp();
 */
export class CallError extends Error {
  override readonly name = 'CallError';
  readonly code: CallErrorCode;

  constructor(code: CallErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** A plain object for logs and telemetry (the `cause` reduced to its message). */
  toJSON(): { name: string; code: CallErrorCode; message: string; cause?: string } {
    const cause = this.cause instanceof Error ? this.cause.message : this.cause;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(cause === undefined ? {} : { cause: String(cause) }),
    };
  }

  /**
   * Map a `getUserMedia` rejection (a `DOMException`) to a call error.
   * @example
   * navigator.mediaDevices.getUserMedia(c).catch((e) => CallError.fromMediaError(e));
   */
  static fromMediaError(error: unknown): CallError {
    const name = error instanceof Error || isNamed(error) ? error.name : '';
    switch (name) {
      case 'NotAllowedError':
      case 'SecurityError':
      case 'PermissionDeniedError':
        return new CallError('permission-denied', 'Camera or microphone access was denied', { cause: error });
      case 'NotFoundError':
      case 'OverconstrainedError':
      case 'DevicesNotFoundError':
        return new CallError('device-not-found', 'No camera or microphone matches the request', {
          cause: error,
        });
      case 'NotReadableError':
      case 'AbortError':
      case 'TrackStartError':
        return new CallError('device-in-use', 'The camera or microphone could not be started', {
          cause: error,
        });
      default:
        return new CallError('unsupported', 'Media capture is not available', { cause: error });
    }
  }
}

function isNamed(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}

/**
 * The outcome of a call operation: a value, or a {@link CallError}. Expected failures are values.
 * @example
 * const r = await transport.setCameraEnabled(true);
 * if (!r.ok) console.warn(r.error.code);
 */
export type CallResult<T = void> = { ok: true; value: T } | { ok: false; error: CallError };

/** A successful {@link CallResult}. */
export function ok(): CallResult<void>;
export function ok<T>(value: T): CallResult<T>;
export function ok<T>(value?: T): CallResult<T | undefined> {
  return { ok: true, value };
}

/** A failed {@link CallResult}. */
export function fail(error: CallError): { ok: false; error: CallError } {
  return { ok: false, error };
}
