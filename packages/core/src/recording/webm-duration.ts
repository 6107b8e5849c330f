// MediaRecorder writes WebM as it goes, so the file's Segment Info carries no Duration: players show
// no length and cannot place a seek. `withDuration` writes it into a copy for playback (the stored
// recording, and the SHA-256 reported for it, stay as recorded).

const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

interface Element {
  id: number;
  /** Where the element starts (its id), where its data starts and ends. */
  start: number;
  data: number;
  end: number;
}

/** An EBML variable-length integer at `pos`: its value (marker bit removed, or not) and length. */
function vint(
  bytes: Uint8Array,
  pos: number,
  keepMarker: boolean,
): { value: number; length: number } | undefined {
  const first = bytes[pos];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (pos + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let unknown = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = bytes[pos + i]!;
    value = value * 256 + b;
    unknown &&= b === 0xff;
  }
  return { value: !keepMarker && unknown ? Number.POSITIVE_INFINITY : value, length };
}

/** The element at `pos`; an unknown size (a live Segment) runs to `limit`. */
function element(bytes: Uint8Array, pos: number, limit: number): Element | undefined {
  const id = vint(bytes, pos, true);
  if (!id) return undefined;
  const size = vint(bytes, pos + id.length, false);
  if (!size) return undefined;
  const data = pos + id.length + size.length;
  return { id: id.value, start: pos, data, end: Math.min(data + size.value, limit) };
}

function children(bytes: Uint8Array, parent: Element): Element[] {
  const out: Element[] = [];
  for (let pos = parent.data; pos < parent.end; ) {
    const child = element(bytes, pos, parent.end);
    if (!child) break;
    out.push(child);
    pos = child.end;
  }
  return out;
}

function uint(bytes: Uint8Array, e: Element): number {
  let value = 0;
  for (let i = e.data; i < e.end; i++) value = value * 256 + bytes[i]!;
  return value;
}

/**
 * A copy of a WebM whose Segment Info states `durationMs` (as a float in the file's timecode
 * scale), for playback. A file that already has a duration, or whose header is not understood,
 * comes back unchanged.
 * @example
 * const playable = withDuration(plain, recording.durationMs); // then a Blob URL for <video>
 */
export function withDuration(webm: Uint8Array, durationMs: number): Uint8Array {
  const all: Element = { id: 0, start: 0, data: 0, end: webm.length };
  const segment = children(webm, all).find((e) => e.id === SEGMENT);
  if (!segment) return webm;
  let info: Element | undefined;
  for (let pos = segment.data; pos < segment.end && !info; ) {
    const e = element(webm, pos, segment.end);
    if (!e) break;
    if (e.id === INFO) info = e;
    pos = e.end; // a Cluster of unknown size runs to the end: Info comes before it
  }
  if (!info) return webm;
  const fields = children(webm, info);
  if (fields.some((f) => f.id === DURATION)) return webm;
  const scaleField = fields.find((f) => f.id === TIMECODE_SCALE);
  const scale = scaleField ? uint(webm, scaleField) : 1_000_000;
  // Duration: id 0x4489, size 8, a big-endian float64 in timecode-scale units.
  const duration = new Uint8Array(11);
  duration.set([0x44, 0x89, 0x88]);
  new DataView(duration.buffer).setFloat64(3, (durationMs * 1_000_000) / scale);
  // The new Info: its id, its size as an 8-byte vint, its old fields and the duration.
  const size = info.end - info.data + duration.length;
  const head = new Uint8Array(4 + 8);
  head.set([0x15, 0x49, 0xa9, 0x66, 0x01]);
  for (let i = 0, rest = size; i < 7; i++, rest = Math.floor(rest / 256)) head[11 - i] = rest % 256;
  const out = new Uint8Array(webm.length - (info.data - info.start) + head.length + duration.length);
  out.set(webm.subarray(0, info.start), 0);
  out.set(head, info.start);
  out.set(webm.subarray(info.data, info.end), info.start + head.length);
  out.set(duration, info.start + head.length + (info.end - info.data));
  out.set(webm.subarray(info.end), info.start + head.length + (info.end - info.data) + duration.length);
  return out;
}
