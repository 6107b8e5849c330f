import { describe, expect, it } from 'vitest';
import { withDuration } from './webm-duration';

const size = (n: number) => [0x80 | n];
const el = (id: number[], data: number[]) => [...id, ...size(data.length), ...data];
const UNKNOWN = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

/** A WebM shaped like MediaRecorder's: a live Segment and Cluster of unknown size, Info without Duration. */
function liveWebm(scale: number[] = [0x0f, 0x42, 0x40]): Uint8Array {
  const header = el(
    [0x1a, 0x45, 0xdf, 0xa3],
    el(
      [0x42, 0x82],
      [...'webm'].map((c) => c.charCodeAt(0)),
    ),
  );
  const info = el(
    [0x15, 0x49, 0xa9, 0x66],
    [
      ...el([0x2a, 0xd7, 0xb1], scale),
      ...el(
        [0x4d, 0x80],
        [...'Test'].map((c) => c.charCodeAt(0)),
      ),
    ],
  );
  const tracks = el([0x16, 0x54, 0xae, 0x6b], []);
  const cluster = [0x1f, 0x43, 0xb6, 0x75, ...UNKNOWN, ...el([0xe7], [0x00]), 0xa3, 0x81, 0x42];
  return new Uint8Array([...header, 0x18, 0x53, 0x80, 0x67, ...UNKNOWN, ...info, ...tracks, ...cluster]);
}

/** The Duration float in the file, found by its id. */
function durationOf(webm: Uint8Array): number | undefined {
  for (let i = 0; i + 11 <= webm.length; i++) {
    if (webm[i] === 0x44 && webm[i + 1] === 0x89 && webm[i + 2] === 0x88)
      return new DataView(webm.buffer, webm.byteOffset + i + 3, 8).getFloat64(0);
  }
  return undefined;
}

describe('withDuration: a length for MediaRecorder WebM (VS-15)', () => {
  it('writes the duration into Segment Info, in the timecode scale, and keeps every other byte', () => {
    const live = liveWebm();
    expect(durationOf(live)).toBeUndefined();
    const fixed = withDuration(live, 12_345);
    expect(durationOf(fixed)).toBe(12_345);
    expect(fixed.length).toBe(live.length + 11 + 7); // the duration, and Info's size as 8 bytes
    // Everything after Info (tracks, clusters) is untouched, and so is everything before it.
    const infoAt = live.indexOf(0x15);
    expect(Array.from(fixed.subarray(0, infoAt))).toEqual(Array.from(live.subarray(0, infoAt)));
    const tracksAt = (b: Uint8Array) => b.findIndex((x, i) => x === 0x16 && b[i + 1] === 0x54);
    expect(Array.from(fixed.subarray(tracksAt(fixed)))).toEqual(Array.from(live.subarray(tracksAt(live))));
    // A file with a duration comes back as it is.
    expect(withDuration(fixed, 99)).toBe(fixed);
  });

  it('follows a timecode scale other than a millisecond', () => {
    // 1000 ns per tick: 2.5 s is 2,500,000 ticks.
    expect(durationOf(withDuration(liveWebm([0x03, 0xe8]), 2_500))).toBe(2_500_000);
  });

  it('leaves what it does not understand alone', () => {
    const garbage = new Uint8Array([1, 2, 3, 4, 5]);
    expect(withDuration(garbage, 1000)).toBe(garbage);
    expect(withDuration(new Uint8Array(0), 1000).length).toBe(0);
  });
});
