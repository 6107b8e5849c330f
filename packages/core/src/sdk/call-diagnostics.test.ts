import { describe, expect, it } from 'vitest';
import { addConnection, addFirstFrame, addStats, startDiagnostics, toSummary } from './call-diagnostics';

describe('call diagnostics from stats snapshots (MC-10)', () => {
  it('averages the round trip and frame rate, keeps the worst and the latest totals; an empty snapshot is no sample', () => {
    let d = startDiagnostics('p2p', 1_000);
    d = addStats(d, {
      roundTripTime: 0.02,
      framesPerSecond: 30,
      framesDecoded: 150,
      bytesReceived: 10,
      bytesSent: 20,
    });
    d = addStats(d, {
      roundTripTime: 0.06,
      framesPerSecond: 18,
      framesDecoded: 300,
      bytesReceived: 40,
      bytesSent: 90,
    });
    d = addStats(d, {});
    expect(toSummary(d, 13_550, false)).toEqual({
      transport: 'p2p',
      durationSeconds: 12.6,
      samples: 2,
      roundTripTime: { average: 0.04, max: 0.06 },
      framesPerSecond: { average: 24, min: 18 },
      framesDecoded: 300,
      bytesReceived: 40,
      bytesSent: 90,
      reconnections: 0,
      final: false,
    });
  });

  it('without video or a selected pair, says nothing about them', () => {
    const d = addStats(startDiagnostics('livekit', 0), { bytesSent: 5 });
    expect(toSummary(d, 1_000, true)).toEqual({
      transport: 'livekit',
      durationSeconds: 1,
      samples: 1,
      bytesSent: 5,
      reconnections: 0,
      final: true,
    });
  });

  it('counts each fall from connected into reconnecting once', () => {
    let d = startDiagnostics('p2p', 0);
    for (const c of [
      'connecting',
      'connected',
      'reconnecting',
      'reconnecting',
      'connected',
      'reconnecting',
    ] as const)
      d = addConnection(d, c);
    expect(d.reconnections).toBe(2);
    expect(addConnection(startDiagnostics('p2p', 0), 'reconnecting').reconnections).toBe(0);
  });

  it('stays within the contract’s bounds whatever the browser reports', () => {
    const d = addStats(startDiagnostics('p2p', 0), {
      roundTripTime: 90,
      framesPerSecond: -3,
      bytesSent: 1.7,
    });
    const s = toSummary(d, -5, false);
    expect(s).toMatchObject({ durationSeconds: 0, roundTripTime: { average: 60, max: 60 }, bytesSent: 2 });
    expect(s.framesPerSecond).toEqual({ average: 0, min: 0 });
  });
  it('time to the first frame: from the start to the first snapshot with a decoded frame, once (MC-9)', () => {
    let d = startDiagnostics('p2p', 1_000);
    d = addFirstFrame(d, { framesDecoded: 0 }, 1_200);
    expect(toSummary(d, 2_000, false)).not.toHaveProperty('firstFrameSeconds');
    d = addFirstFrame(d, { framesDecoded: 3 }, 1_850);
    d = addFirstFrame(d, { framesDecoded: 90 }, 5_000);
    expect(toSummary(d, 6_000, false).firstFrameSeconds).toBe(0.85);
  });
});
