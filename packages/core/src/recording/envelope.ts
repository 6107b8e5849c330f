/**
 * The stored form of a recording (VS-10, MC-13): the recorder's WebM bytes cut into segments of
 * {@link RECORDING_SEGMENT_BYTES}, each sealed with AES-256-GCM under the recording's own random data
 * key. Segment `i` sits at ciphertext offset `i × (segment + tag)`, so a reader can seek without
 * reading what comes before; its nonce is its index and its additional data says whether it is the
 * last, so segments cannot be reordered, dropped or the file cut short unnoticed. The data key is
 * kept wrapped (RSA-OAEP, SHA-256) by the portal's replay key, whose private half only the replay
 * passphrase unlocks — or, in a portal without a passphrase, stored as it is.
 *
 * WebCrypto only: the same code runs in the recorder (browser), in tests and in tools (Node).
 */

/** Plaintext bytes per segment. */
export const RECORDING_SEGMENT_BYTES = 64 * 1024;
/** The GCM tag each segment carries. */
export const RECORDING_TAG_BYTES = 16;
/** The name of this format, stored with every recording. */
export const RECORDING_CIPHER = 'aes-256-gcm-seg64k-v1';

const subtle = () => globalThis.crypto.subtle;

function nonceOf(index: number): Uint8Array<ArrayBuffer> {
  const iv = new Uint8Array(12);
  new DataView(iv.buffer).setBigUint64(4, BigInt(index));
  return iv;
}

function additionalData(index: number, last: boolean): Uint8Array<ArrayBuffer> {
  const aad = new Uint8Array(9);
  const view = new DataView(aad.buffer);
  view.setBigUint64(0, BigInt(index));
  aad[8] = last ? 1 : 0;
  return aad;
}

/** Standard base64 of bytes (no line breaks). */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/** Bytes of standard base64; throws on anything else. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A fresh data key: its raw bytes (to wrap, then forget) and a non-extractable key to seal with,
 * which can be kept in IndexedDB without its bytes ever being readable there.
 */
export async function newDataKey(): Promise<{ raw: Uint8Array<ArrayBuffer>; key: CryptoKey }> {
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const key = await subtle().importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { raw, key };
}

/** The data key for reading, from its raw bytes (as a replay hands them out). */
export function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
}

/**
 * Wraps a data key for a portal's replay key: RSA-OAEP with SHA-256 under the public key the server
 * hands out (SPKI, base64).
 */
export async function wrapDataKey(raw: Uint8Array<ArrayBuffer>, publicKeySpki: string): Promise<string> {
  const publicKey = await subtle().importKey(
    'spki',
    fromBase64(publicKeySpki),
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['encrypt'],
  );
  return toBase64(new Uint8Array(await subtle().encrypt({ name: 'RSA-OAEP' }, publicKey, raw)));
}

/** Seals one segment. */
export async function sealSegment(
  key: CryptoKey,
  index: number,
  plaintext: Uint8Array<ArrayBuffer>,
  last: boolean,
): Promise<Uint8Array<ArrayBuffer>> {
  const sealed = await subtle().encrypt(
    { name: 'AES-GCM', iv: nonceOf(index), additionalData: additionalData(index, last) },
    key,
    plaintext,
  );
  return new Uint8Array(sealed);
}

/**
 * Cuts a stream of plaintext chunks into sealed segments as they fill. `push` returns the segments a
 * chunk completed; `finish` seals what is left as the last segment (possibly empty).
 * @example
 * const sealer = new SegmentSealer(key);
 * for (const chunk of chunks) store(await sealer.push(chunk));
 * store([await sealer.finish()]);
 */
export class SegmentSealer {
  #pending = new Uint8Array(RECORDING_SEGMENT_BYTES);
  #filled = 0;
  #index: number;

  constructor(
    private readonly key: CryptoKey,
    /** Segments already sealed (when a recorder resumes after a reload). */
    startIndex = 0,
  ) {
    this.#index = startIndex;
  }

  /** The index the next sealed segment gets. */
  get nextIndex(): number {
    return this.#index;
  }

  async push(chunk: Uint8Array): Promise<Uint8Array<ArrayBuffer>[]> {
    const out: Uint8Array<ArrayBuffer>[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(RECORDING_SEGMENT_BYTES - this.#filled, chunk.length - offset);
      this.#pending.set(chunk.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === RECORDING_SEGMENT_BYTES) {
        out.push(await sealSegment(this.key, this.#index++, this.#pending.slice(), false));
        this.#filled = 0;
      }
    }
    return out;
  }

  async finish(): Promise<Uint8Array<ArrayBuffer>> {
    const last = await sealSegment(this.key, this.#index++, this.#pending.slice(0, this.#filled), true);
    this.#filled = 0;
    return last;
  }
}

/** Why a stored recording could not be opened. */
export class RecordingIntegrityError extends Error {
  override readonly name = 'RecordingIntegrityError';
}

/**
 * Opens a whole stored recording: every segment checked, in order, ending with the last one.
 * A wrong key, a changed byte, a reordered or missing segment, or a file cut short throws
 * {@link RecordingIntegrityError}.
 */
export async function openRecording(
  key: CryptoKey,
  sealed: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const size = RECORDING_SEGMENT_BYTES + RECORDING_TAG_BYTES;
  const count = Math.max(1, Math.ceil(sealed.length / size));
  const plain = new Uint8Array(Math.max(0, sealed.length - count * RECORDING_TAG_BYTES));
  let written = 0;
  for (let index = 0; index < count; index++) {
    const segment = sealed.subarray(index * size, Math.min(sealed.length, (index + 1) * size));
    const last = index === count - 1;
    let opened: ArrayBuffer;
    try {
      opened = await subtle().decrypt(
        { name: 'AES-GCM', iv: nonceOf(index), additionalData: additionalData(index, last) },
        key,
        segment,
      );
    } catch {
      throw new RecordingIntegrityError(
        last
          ? 'The recording cannot be opened: wrong key, or the file is damaged or incomplete.'
          : `Segment ${index} of the recording cannot be opened: wrong key, or the file is damaged.`,
      );
    }
    plain.set(new Uint8Array(opened), written);
    written += opened.byteLength;
  }
  return plain.subarray(0, written);
}

/** SHA-256 of bytes as lowercase hex. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
