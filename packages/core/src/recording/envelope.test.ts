import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  fromBase64,
  importDataKey,
  newDataKey,
  openRecording,
  RECORDING_SEGMENT_BYTES,
  RECORDING_TAG_BYTES,
  RecordingIntegrityError,
  SegmentSealer,
  toBase64,
  wrapDataKey,
} from './envelope.js';

async function seal(key: CryptoKey, chunks: Uint8Array[]) {
  const sealer = new SegmentSealer(key);
  const parts: Uint8Array[] = [];
  for (const c of chunks) parts.push(...(await sealer.push(c)));
  parts.push(await sealer.finish());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

describe('recording envelope (VS-10, MC-13)', () => {
  it('seals chunks of any size into segments and opens them back byte for byte', async () => {
    const { key } = await newDataKey();
    for (const size of [
      0,
      1,
      RECORDING_SEGMENT_BYTES - 1,
      RECORDING_SEGMENT_BYTES,
      3 * RECORDING_SEGMENT_BYTES + 17,
    ]) {
      const plain = bytes(size);
      const chunks = [
        plain.subarray(0, size / 3),
        plain.subarray(size / 3, size / 2),
        plain.subarray(size / 2),
      ];
      const sealed = await seal(key, chunks);
      const segments = Math.floor(size / RECORDING_SEGMENT_BYTES) + 1;
      expect(sealed.length).toBe(size + segments * RECORDING_TAG_BYTES);
      expect(Array.from(await openRecording(key, sealed))).toEqual(Array.from(plain));
    }
  });

  it('refuses a wrong key, a changed byte, a file cut short and swapped segments', async () => {
    const { key } = await newDataKey();
    const sealed = await seal(key, [bytes(2 * RECORDING_SEGMENT_BYTES + 5)]);
    const other = (await newDataKey()).key;
    await expect(openRecording(other, sealed)).rejects.toBeInstanceOf(RecordingIntegrityError);
    const changed = sealed.slice();
    changed[100] = changed[100]! ^ 1;
    await expect(openRecording(key, changed)).rejects.toBeInstanceOf(RecordingIntegrityError);
    const size = RECORDING_SEGMENT_BYTES + RECORDING_TAG_BYTES;
    await expect(openRecording(key, sealed.slice(0, 2 * size))).rejects.toThrow(/incomplete/);
    const swapped = new Uint8Array(sealed.length);
    swapped.set(sealed.subarray(size, 2 * size), 0);
    swapped.set(sealed.subarray(0, size), size);
    swapped.set(sealed.subarray(2 * size), 2 * size);
    await expect(openRecording(key, swapped)).rejects.toBeInstanceOf(RecordingIntegrityError);
  });

  it('wraps the data key so that only the private half of the replay key unwraps it', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = toBase64(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })));
    const { raw, key } = await newDataKey();
    const wrapped = await wrapDataKey(raw, spki);
    const unwrapped = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      fromBase64(wrapped),
    );
    expect(toBase64(new Uint8Array(unwrapped))).toBe(toBase64(raw));
    const sealed = await seal(key, [bytes(1000)]);
    const reopened = await importDataKey(new Uint8Array(unwrapped));
    expect((await openRecording(reopened, sealed)).length).toBe(1000);
  });
});
