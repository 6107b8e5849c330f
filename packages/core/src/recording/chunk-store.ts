import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * What the recorder keeps of one recording in IndexedDB while it records and uploads, so a crash or
 * a reload loses at most the segment that was filling (VS-10). The data key is a non-extractable
 * `CryptoKey`: IndexedDB keeps it usable for sealing and opening, never readable as bytes.
 */
export interface StoredRecording {
  id: string;
  sessionId: string;
  /** The server this recording belongs to (its origin). */
  baseUrl: string;
  mimeType: string;
  startedAt: number;
  key: CryptoKey;
  /** The data key wrapped for the portal's replay key; or the key itself when unprotected. */
  envelope: { wrappedDataKey: string } | { dataKey: string };
  storage: 'server' | 'local';
  uploadEndpoint: string | null;
  maxBytes: number;
  /** Sealed segments written so far, and their bytes. */
  segments: number;
  sealedBytes: number;
  /** `recording` until the last segment is written; `stopped` with what stopping reported. */
  state: 'recording' | 'stopped';
  stop?: {
    durationMs: number;
    bytes: number;
    sha256: string;
    reason: 'stopped' | 'consent-revoked' | 'size-limit' | 'call-ended' | 'recovered';
  };
}

interface RecordingDb extends DBSchema {
  recordings: { key: string; value: StoredRecording };
  segments: { key: [string, number]; value: { recordingId: string; index: number; bytes: Uint8Array } };
}

/** The recorder's IndexedDB database. */
export const RECORDING_DB = 'sightline-recordings';

/** Recordings and their sealed segments in IndexedDB. */
export class RecordingChunkStore {
  #db: Promise<IDBPDatabase<RecordingDb>> | undefined;

  constructor(private readonly name = RECORDING_DB) {}

  #open() {
    this.#db ??= openDB<RecordingDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('recordings', { keyPath: 'id' });
        db.createObjectStore('segments', { keyPath: ['recordingId', 'index'] });
      },
    });
    return this.#db;
  }

  async put(recording: StoredRecording): Promise<void> {
    await (await this.#open()).put('recordings', recording);
  }

  async get(id: string): Promise<StoredRecording | undefined> {
    return (await this.#open()).get('recordings', id);
  }

  /** Every recording not yet uploaded (or saved), oldest first. */
  async all(): Promise<StoredRecording[]> {
    const all = await (await this.#open()).getAll('recordings');
    return all.sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Writes a segment and the recording's new counts in one transaction. */
  async append(id: string, index: number, bytes: Uint8Array): Promise<StoredRecording> {
    const db = await this.#open();
    const tx = db.transaction(['recordings', 'segments'], 'readwrite');
    const recording = await tx.objectStore('recordings').get(id);
    if (!recording) throw new Error(`no stored recording ${id}`);
    await tx.objectStore('segments').put({ recordingId: id, index, bytes });
    const updated = {
      ...recording,
      segments: Math.max(recording.segments, index + 1),
      sealedBytes: recording.sealedBytes + bytes.length,
    };
    await tx.objectStore('recordings').put(updated);
    await tx.done;
    return updated;
  }

  /** The sealed file as one Blob, segments in order. */
  async file(id: string): Promise<Blob> {
    const db = await this.#open();
    const range = IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
    const parts = await db.getAll('segments', range);
    parts.sort((a, b) => a.index - b.index);
    return new Blob(
      parts.map((p) => p.bytes as Uint8Array<ArrayBuffer>),
      { type: 'application/octet-stream' },
    );
  }

  async delete(id: string): Promise<void> {
    const db = await this.#open();
    const tx = db.transaction(['recordings', 'segments'], 'readwrite');
    await tx.objectStore('segments').delete(IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]));
    await tx.objectStore('recordings').delete(id);
    await tx.done;
  }

  close(): void {
    void this.#db?.then((db) => db.close());
    this.#db = undefined;
  }
}
