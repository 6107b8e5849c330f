import { describe, expect, it } from 'vitest';
import { summarizeStats } from './stats.js';

describe('summarizeStats', () => {
  it('reads remote video progress, bytes and the selected pair RTT', () => {
    expect(
      summarizeStats([
        { type: 'inbound-rtp', kind: 'video', framesDecoded: 90, framesPerSecond: 30, bytesReceived: 1000 },
        { type: 'inbound-rtp', kind: 'audio', bytesReceived: 200 },
        { type: 'outbound-rtp', kind: 'video', bytesSent: 700 },
        { type: 'candidate-pair', nominated: false, state: 'succeeded', currentRoundTripTime: 9 },
        { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.002 },
      ]),
    ).toEqual({
      framesDecoded: 90,
      framesPerSecond: 30,
      bytesReceived: 1200,
      bytesSent: 700,
      roundTripTime: 0.002,
    });
  });

  it('leaves unknown fields out', () => {
    expect(summarizeStats([])).toEqual({});
  });
});
