import type { CallStats } from './media-transport.js';

/** One entry of an `RTCStatsReport`, as far as {@link summarizeStats} reads it. */
export type StatsEntry = { readonly type: string } & Readonly<Record<string, unknown>>;

/**
 * Reduce a WebRTC stats report to {@link CallStats}: remote video progress from `inbound-rtp`, bytes
 * both ways, and the RTT of the selected (nominated, succeeded) candidate pair. Pure.
 * @example
 * const report = await pc.getStats();
 * summarizeStats(report.values()); // { framesDecoded: 311, framesPerSecond: 30, roundTripTime: 0.001, … }
 */
export function summarizeStats(entries: Iterable<StatsEntry>): CallStats {
  let framesDecoded: number | undefined;
  let framesPerSecond: number | undefined;
  let bytesReceived: number | undefined;
  let bytesSent: number | undefined;
  let roundTripTime: number | undefined;
  const add = (total: number | undefined, value: unknown) =>
    typeof value === 'number' ? (total ?? 0) + value : total;
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp') {
      bytesReceived = add(bytesReceived, entry.bytesReceived);
      if (entry.kind === 'video') {
        framesDecoded = add(framesDecoded, entry.framesDecoded);
        if (typeof entry.framesPerSecond === 'number') framesPerSecond = entry.framesPerSecond;
      }
    } else if (entry.type === 'outbound-rtp') {
      bytesSent = add(bytesSent, entry.bytesSent);
    } else if (entry.type === 'candidate-pair' && entry.nominated === true && entry.state === 'succeeded') {
      if (typeof entry.currentRoundTripTime === 'number') roundTripTime = entry.currentRoundTripTime;
    }
  }
  return {
    ...(framesDecoded === undefined ? {} : { framesDecoded }),
    ...(framesPerSecond === undefined ? {} : { framesPerSecond }),
    ...(bytesReceived === undefined ? {} : { bytesReceived }),
    ...(bytesSent === undefined ? {} : { bytesSent }),
    ...(roundTripTime === undefined ? {} : { roundTripTime }),
  };
}
