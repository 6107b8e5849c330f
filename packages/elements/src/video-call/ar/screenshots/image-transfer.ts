import type { Subscription } from 'rxjs';
import type { MediaTransport } from '../../../shared/sdk.js';

/**
 * A screenshot's picture, sent to the other side of the call over the data channel (VS-11).
 *
 * Why the data channel and not `GET …/screenshots/{id}/image`: the annotation view must open on both
 * sides at once, also when the server cannot be reached (the upload waits in IndexedDB until it can).
 * The peer-to-peer data channel needs no server, so both sides draw together offline-first. Data
 * messages are JSON and at most 64 KiB, so the picture goes as a JPEG at reduced size and quality
 * (display only; the full-resolution original is what gets uploaded), in base64 chunks.
 */
export const IMAGE_CHUNK_TYPE = 'sl.screenshot.image';
/** Base64 characters per message: well under the 64 KiB data-message limit with the envelope. */
const CHUNK_CHARS = 32 * 1024;
/** Longest side of the picture sent to the peer. */
const PREVIEW_MAX = 1280;
/** Most chunks accepted for one picture (4 MiB of base64): a bound against a misbehaving peer. */
const MAX_CHUNKS = 128;

interface ImageChunk {
  readonly type: typeof IMAGE_CHUNK_TYPE;
  readonly id: string;
  readonly index: number;
  readonly count: number;
  readonly data: string;
}

function isChunk(m: { type: string }): m is ImageChunk & { type: string } {
  const c = m as Partial<ImageChunk>;
  return (
    m.type === IMAGE_CHUNK_TYPE &&
    typeof c.id === 'string' &&
    c.id.length > 0 &&
    c.id.length <= 128 &&
    Number.isInteger(c.index) &&
    Number.isInteger(c.count) &&
    (c.count as number) > 0 &&
    (c.count as number) <= MAX_CHUNKS &&
    (c.index as number) >= 0 &&
    (c.index as number) < (c.count as number) &&
    typeof c.data === 'string'
  );
}

/** Shrinks an image for sending: JPEG, at most {@link PREVIEW_MAX} px on its longest side. */
export async function previewOf(image: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(image);
  const scale = Math.min(1, PREVIEW_MAX / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Sends a picture in chunks; false when the transport refused a chunk (e.g. it is too large). */
export async function sendImage(transport: MediaTransport, id: string, image: Blob): Promise<boolean> {
  const text = toBase64(new Uint8Array(await image.arrayBuffer()));
  const count = Math.max(1, Math.ceil(text.length / CHUNK_CHARS));
  if (count > MAX_CHUNKS) return false;
  for (let index = 0; index < count; index++) {
    const data = text.slice(index * CHUNK_CHARS, (index + 1) * CHUNK_CHARS);
    const sent = transport.send({ type: IMAGE_CHUNK_TYPE, id, index, count, data });
    if (!sent.ok) return false;
  }
  return true;
}

/**
 * Collects incoming chunks; calls `onImage` once per picture when all of its chunks are in (repeats
 * of a picture already received are ignored).
 */
export function receiveImages(
  transport: MediaTransport,
  onImage: (id: string, image: Blob) => void,
): Subscription {
  const partial = new Map<string, string[]>();
  const done = new Set<string>();
  return transport.messages$.subscribe(({ message }) => {
    if (!isChunk(message) || done.has(message.id)) return;
    let parts = partial.get(message.id);
    if (!parts || parts.length !== message.count) {
      parts = new Array<string>(message.count);
      partial.set(message.id, parts);
    }
    parts[message.index] = message.data;
    for (let i = 0; i < parts.length; i++) if (parts[i] === undefined) return;
    partial.delete(message.id);
    done.add(message.id);
    try {
      const binary = atob(parts.join(''));
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      onImage(message.id, new Blob([bytes], { type: 'image/jpeg' }));
    } catch {
      // Not base64: drop it, as any other malformed message.
    }
  });
}
