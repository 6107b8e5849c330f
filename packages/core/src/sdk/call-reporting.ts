import type { SightlineClient } from '@sightline/api-client';
import type { Subscription } from 'rxjs';
import type { MediaTransport } from '../call/media-transport';
import {
  addConnection,
  addFirstFrame,
  addStats,
  type CallDiagnosticsSummary,
  type DiagnosticsState,
  startDiagnostics,
  toSummary,
} from './call-diagnostics';

/** Timing of call quality reports (MC-10); clock and timers injectable. */
export interface DiagnosticsOptions {
  /** A stats snapshot this often (default 5 s). */
  sampleMs?: number;
  /** A report this often (default 60 s); a final one always when leaving. */
  reportMs?: number;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Reports one call's quality from this side; loaded with the call code, only when a call starts. */
export interface CallReporter {
  /** Stops sampling without a final report (the call failed to start). */
  stop(): void;
  /** Takes the last snapshot and sends the final report, before the media goes. */
  finish(): Promise<void>;
}

/**
 * Samples `transport.stats()` and sends reports to `POST …/calls/{callId}/diagnostics`. Reports are
 * best effort: a lost one is replaced by the next, and none may disturb the call.
 * @example
 * const reporter = reportCallQuality(api, sessionId, callId, transport, 'p2p', {});
 * await reporter.finish(); // when leaving
 */
export function reportCallQuality(
  api: SightlineClient,
  sessionId: string,
  callId: string,
  transport: MediaTransport,
  kind: CallDiagnosticsSummary['transport'],
  options: DiagnosticsOptions,
): CallReporter {
  const now = options.now ?? Date.now;
  const every = options.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const cancel =
    options.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  let state: DiagnosticsState = startDiagnostics(kind, now());
  let lastReport = now();
  let running = true;

  const send = (final: boolean) =>
    api
      .POST('/v1/sessions/{id}/calls/{callId}/diagnostics', {
        params: { path: { id: sessionId, callId } },
        body: toSummary(state, now(), final),
      })
      .catch(() => undefined);
  const sample = async () => {
    try {
      const stats = await transport.stats();
      state = addFirstFrame(addStats(state, stats), stats, now());
    } catch {
      // A transport closing meanwhile has no stats; the snapshot is skipped.
    }
  };
  // Time to the first remote frame (MC-9): looked for every 100 ms during the first minute, so it
  // is not rounded up to the sampling interval. The snapshot that shows it counts as a sample: a
  // call shorter than one interval, left after the other side has gone (no stats any more), still
  // reports what it received.
  let looks = 0;
  const firstFrame = every(() => {
    if (state.firstFrameAt !== undefined || ++looks > 600) return cancel(firstFrame);
    void transport
      .stats()
      .then((stats) => {
        if (state.firstFrameAt !== undefined || !stats.framesDecoded) return;
        state = addFirstFrame(addStats(state, stats), stats, now());
      })
      .catch(() => undefined);
  }, 100);
  const connection: Subscription = transport.connectionState$.subscribe((c) => {
    state = addConnection(state, c);
  });
  const timer = every(() => {
    void sample().then(() => {
      if (running && now() - lastReport >= (options.reportMs ?? 60_000)) {
        lastReport = now();
        void send(false);
      }
    });
  }, options.sampleMs ?? 5_000);

  const stop = () => {
    running = false;
    cancel(timer);
    cancel(firstFrame);
    connection.unsubscribe();
  };
  return {
    stop,
    async finish() {
      if (!running) return;
      stop();
      await sample();
      void send(true);
    },
  };
}
