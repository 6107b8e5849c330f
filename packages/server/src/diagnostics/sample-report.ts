/** A report as the SDK's accumulator sends it. */
export const REPORT = {
  transport: 'p2p',
  durationSeconds: 42.5,
  samples: 5,
  roundTripTime: { average: 0.021, max: 0.06 },
  framesPerSecond: { average: 28.4, min: 21 },
  framesDecoded: 1190,
  bytesReceived: 1_250_000,
  bytesSent: 2_400_000,
  reconnections: 1,
  final: false,
} as const;
