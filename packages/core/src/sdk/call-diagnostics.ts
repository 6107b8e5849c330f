import type { components } from '@sightline/api-client';
import type { CallStats, ConnectionState } from '../call/media-transport';

/** What is sent to `POST /v1/sessions/{id}/calls/{callId}/diagnostics` (MC-10). */
export type CallDiagnosticsSummary = components['schemas']['CallDiagnosticsSummary'];

/** Running figures of one call from this side, folded from stats snapshots. Pure data. */
export interface DiagnosticsState {
  readonly transport: CallDiagnosticsSummary['transport'];
  readonly startedAt: number;
  readonly samples: number;
  readonly rttSamples: number;
  readonly rttTotal: number;
  readonly rttMax: number;
  readonly fpsSamples: number;
  readonly fpsTotal: number;
  readonly fpsMin: number;
  readonly framesDecoded?: number;
  readonly bytesReceived?: number;
  readonly bytesSent?: number;
  readonly reconnections: number;
  readonly connection: ConnectionState;
  /** When the first remote video frame was decoded (ms, the clock of `startedAt`). */
  readonly firstFrameAt?: number;
}

/**
 * The start of a call's diagnostics.
 * @example
 * let d = startDiagnostics('p2p', Date.now());
 * d = addStats(d, await transport.stats());
 * toSummary(d, Date.now(), true); // { transport: 'p2p', samples: 1, … }
 */
export function startDiagnostics(
  transport: CallDiagnosticsSummary['transport'],
  at: number,
): DiagnosticsState {
  return {
    transport,
    startedAt: at,
    samples: 0,
    rttSamples: 0,
    rttTotal: 0,
    rttMax: 0,
    fpsSamples: 0,
    fpsTotal: 0,
    fpsMin: Number.POSITIVE_INFINITY,
    reconnections: 0,
    connection: 'connecting',
  };
}

/**
 * Folds one stats snapshot in: averages and extremes, and the latest totals (they only grow). An
 * empty snapshot (no connection yet, or already closed) is no sample.
 */
export function addStats(state: DiagnosticsState, stats: CallStats): DiagnosticsState {
  if (Object.keys(stats).length === 0) return state;
  const rtt = stats.roundTripTime;
  const fps = stats.framesPerSecond;
  return {
    ...state,
    samples: state.samples + 1,
    ...(rtt === undefined
      ? {}
      : {
          rttSamples: state.rttSamples + 1,
          rttTotal: state.rttTotal + rtt,
          rttMax: Math.max(state.rttMax, rtt),
        }),
    ...(fps === undefined
      ? {}
      : {
          fpsSamples: state.fpsSamples + 1,
          fpsTotal: state.fpsTotal + fps,
          fpsMin: Math.min(state.fpsMin, fps),
        }),
    ...(stats.framesDecoded === undefined ? {} : { framesDecoded: stats.framesDecoded }),
    ...(stats.bytesReceived === undefined ? {} : { bytesReceived: stats.bytesReceived }),
    ...(stats.bytesSent === undefined ? {} : { bytesSent: stats.bytesSent }),
  };
}

/** Notes when the first remote video frame was decoded (the first time only; MC-9, MC-10). */
export function addFirstFrame(state: DiagnosticsState, stats: CallStats, at: number): DiagnosticsState {
  if (state.firstFrameAt !== undefined || !stats.framesDecoded) return state;
  return { ...state, firstFrameAt: at };
}

/** Notes a connection state; every fall from connected into `reconnecting` counts as one recovery. */
export function addConnection(state: DiagnosticsState, connection: ConnectionState): DiagnosticsState {
  if (connection === state.connection) return state;
  const recovered = connection === 'reconnecting' && state.connection === 'connected' ? 1 : 0;
  return { ...state, connection, reconnections: state.reconnections + recovered };
}

const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const whole = (value: number | undefined, max: number) =>
  value === undefined ? undefined : Math.round(clamp(value, max));

/** The report to send: rounded, within the contract's bounds. */
export function toSummary(state: DiagnosticsState, at: number, final: boolean): CallDiagnosticsSummary {
  const framesDecoded = whole(state.framesDecoded, 1e12);
  const bytesReceived = whole(state.bytesReceived, 1e15);
  const bytesSent = whole(state.bytesSent, 1e15);
  return {
    transport: state.transport,
    durationSeconds: round(clamp((at - state.startedAt) / 1000, 7 * 86_400), 1),
    samples: Math.min(state.samples, 1_000_000),
    ...(state.rttSamples > 0
      ? {
          roundTripTime: {
            average: round(clamp(state.rttTotal / state.rttSamples, 60), 4),
            max: round(clamp(state.rttMax, 60), 4),
          },
        }
      : {}),
    ...(state.fpsSamples > 0
      ? {
          framesPerSecond: {
            average: round(clamp(state.fpsTotal / state.fpsSamples, 1000), 1),
            min: round(clamp(state.fpsMin, 1000), 1),
          },
        }
      : {}),
    ...(framesDecoded === undefined ? {} : { framesDecoded }),
    ...(bytesReceived === undefined ? {} : { bytesReceived }),
    ...(bytesSent === undefined ? {} : { bytesSent }),
    ...(state.firstFrameAt === undefined
      ? {}
      : { firstFrameSeconds: round(clamp((state.firstFrameAt - state.startedAt) / 1000, 600), 2) }),
    reconnections: Math.min(state.reconnections, 100_000),
    final,
  };
}
