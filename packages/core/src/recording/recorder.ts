import { sha256 } from '@noble/hashes/sha2.js';
import type { components, SightlineClient } from '@sightline/api-client';
import { BehaviorSubject, type Observable } from 'rxjs';
import { clientProblem, type Result, toResult } from '../sdk/result.js';
import { RecordingChunkStore, type StoredRecording } from './chunk-store.js';
import { newDataKey, openRecording, SegmentSealer, sealSegment, toBase64, wrapDataKey } from './envelope.js';
import { mixCall, type RecordingSources } from './mixer.js';
import { uploadRecording } from './upload.js';

type Recording = components['schemas']['Recording'];
type StopReason = NonNullable<StoredRecording['stop']>['reason'];

/** Where a recording is, as the recorder's controls show it. */
export interface RecorderProgress {
  state: 'idle' | 'starting' | 'recording' | 'stopping' | 'uploading' | 'uploaded' | 'local' | 'failed';
  recordingId?: string;
  durationMs: number;
  /** Sealed bytes written so far. */
  bytes: number;
  /** Upload progress in bytes, of `total`. */
  uploaded: number;
  total: number;
  /** Why the recording stopped (`size-limit`, `consent-revoked`, …). */
  reason?: StopReason;
  /** What went wrong, in the server's or the browser's words. */
  problem?: string;
}

export interface CallRecorderOptions {
  api: SightlineClient;
  baseUrl: string;
  getToken: () => string | undefined;
  store?: RecordingChunkStore;
  /** MediaRecorder's timeslice: how often a chunk reaches IndexedDB (ms). */
  timesliceMs?: number;
  /** Bytes per upload request (tus PATCH); default 4 MiB. */
  uploadChunkBytes?: number;
  /**
   * Where the per-recording locks live that keep two tabs from closing or uploading the same
   * recording; default `navigator.locks`, `null` for none.
   */
  locks?: Pick<LockManager, 'request'> | null;
  /** Called with each running upload (e.g. to pause it). */
  onUpload?: (upload: { abort(): Promise<void> | void }) => void;
}

const TYPES = ['video/webm;codecs="vp8,opus"', 'video/webm;codecs="vp9,opus"', 'video/webm'];
/** Room left below the size limit for what the recorder still holds when it stops. */
const LIMIT_MARGIN = 512 * 1024;

/**
 * Records a call in the browser (VS-10): the customer's video with the AR layer and every side's audio
 * (see {@link mixCall}), MediaRecorder's WebM sealed segment by segment under a fresh data key (see
 * `envelope.ts`) into IndexedDB as it is produced, then uploaded resumably with tus — or, for a
 * local-only portal (MC-12), kept for saving on this machine. The server decides whether recording
 * may start (consent, portal, settings); a refusal is the `Result`'s problem.
 */
export class CallRecorder {
  readonly #progress = new BehaviorSubject<RecorderProgress>({
    state: 'idle',
    durationMs: 0,
    bytes: 0,
    uploaded: 0,
    total: 0,
  });
  readonly progress$: Observable<RecorderProgress> = this.#progress.asObservable();
  readonly #store: RecordingChunkStore;
  #media: MediaRecorder | undefined;
  #mixed: { stop(): void } | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #current: StoredRecording | undefined;
  #sealer: SegmentSealer | undefined;
  #hash = sha256.create();
  #started = 0;
  #stopping: Promise<void> | undefined;
  readonly #finishing = new Map<string, Promise<void>>();
  #resuming: Promise<unknown> = Promise.resolve();
  /** Releases of the recording locks this tab holds (from start, or from picking one up, to uploaded). */
  readonly #held = new Map<string, () => void>();

  constructor(private readonly options: CallRecorderOptions) {
    this.#store = options.store ?? new RecordingChunkStore();
  }

  get progress(): RecorderProgress {
    return this.#progress.value;
  }

  #set(patch: Partial<RecorderProgress>): void {
    this.#progress.next({ ...this.#progress.value, ...patch });
  }

  /** Starts recording the call; the server refuses without consent (403 `recording-consent-required`). */
  async start(input: {
    sessionId: string;
    callId: string;
    sources: RecordingSources;
  }): Promise<Result<Recording>> {
    if (this.#media) return { error: clientProblem('recording-running', 'A recording is running') };
    const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    if (!mimeType) return { error: clientProblem('unsupported', 'This browser cannot record WebM') };
    this.#set({
      state: 'starting',
      durationMs: 0,
      bytes: 0,
      uploaded: 0,
      total: 0,
      problem: undefined,
      reason: undefined,
    });
    const started = toResult(
      await this.options.api.POST('/v1/sessions/{id}/recordings', {
        params: { path: { id: input.sessionId } },
        body: { callId: input.callId, mimeType },
      }),
    );
    if (started.error) {
      this.#set({ state: 'idle', problem: started.error.detail ?? started.error.title });
      return started;
    }
    const { recording, encryption, upload } = started.data;
    const { raw, key } = await newDataKey();
    const envelope = encryption.publicKey
      ? { wrappedDataKey: await wrapDataKey(raw, encryption.publicKey) }
      : { dataKey: toBase64(raw) };
    raw.fill(0);
    const stored: StoredRecording = {
      id: recording.id,
      sessionId: input.sessionId,
      baseUrl: this.options.baseUrl,
      mimeType,
      startedAt: Date.now(),
      key,
      envelope,
      storage: upload ? 'server' : 'local',
      uploadEndpoint: upload?.endpoint ?? null,
      maxBytes: upload?.maxBytes ?? 200_000_000,
      segments: 0,
      sealedBytes: 0,
      state: 'recording',
    };
    await this.#lock(recording.id);
    await this.#store.put(stored);
    this.#current = stored;
    this.#sealer = new SegmentSealer(key);
    this.#hash = sha256.create();
    const mixed = mixCall(input.sources);
    this.#mixed = mixed;
    const media = new MediaRecorder(mixed.stream, {
      mimeType,
      videoBitsPerSecond: 1_500_000,
      audioBitsPerSecond: 96_000,
    });
    this.#media = media;
    media.ondataavailable = (event) => {
      if (event.data.size > 0) this.#enqueue(() => this.#write(event.data));
    };
    this.#started = performance.now();
    media.start(this.options.timesliceMs ?? 1000);
    this.#set({ state: 'recording', recordingId: recording.id });
    return { data: recording };
  }

  #enqueue(task: () => Promise<void>): void {
    this.#chain = this.#chain.then(task).catch((error: unknown) => {
      this.#set({ state: 'failed', problem: error instanceof Error ? error.message : String(error) });
    });
  }

  async #write(chunk: Blob): Promise<void> {
    const current = this.#current;
    const sealer = this.#sealer;
    if (!current || !sealer) return;
    const bytes = new Uint8Array(await chunk.arrayBuffer());
    this.#hash.update(bytes);
    // A chunk may fill several segments: each is stored under its own index.
    const first = sealer.nextIndex;
    const segments = await sealer.push(bytes);
    for (const [i, segment] of segments.entries()) {
      this.#current = await this.#store.append(current.id, first + i, segment);
    }
    const written = this.#current?.sealedBytes ?? 0;
    this.#set({ bytes: written, durationMs: performance.now() - this.#started });
    if (written + LIMIT_MARGIN >= current.maxBytes) void this.stop('size-limit');
  }

  /** Stops recording, writes the last segment, reports the recording and uploads it (or keeps it local). */
  stop(reason: StopReason = 'stopped'): Promise<void> {
    this.#stopping ??= this.#stop(reason).finally(() => {
      this.#stopping = undefined;
    });
    return this.#stopping;
  }

  async #stop(reason: StopReason): Promise<void> {
    const media = this.#media;
    if (!media || !this.#current || !this.#sealer) return;
    this.#set({ state: 'stopping', reason });
    if (media.state !== 'inactive') {
      await new Promise<void>((resolve) => {
        media.addEventListener('stop', () => resolve(), { once: true });
        media.stop();
      });
    }
    this.#mixed?.stop();
    this.#media = undefined;
    this.#mixed = undefined;
    await this.#chain;
    const sealer = this.#sealer;
    const last = await sealer.finish();
    let current = await this.#store.append(this.#current.id, sealer.nextIndex - 1, last);
    const digest = this.#hash.digest();
    current = {
      ...current,
      state: 'stopped',
      stop: {
        durationMs: Math.round(performance.now() - this.#started),
        bytes: current.sealedBytes,
        sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
        reason,
      },
    };
    await this.#store.put(current);
    this.#current = undefined;
    this.#sealer = undefined;
    await this.finish(current);
  }

  /**
   * Reports a stopped recording to the server and uploads it (or keeps it for saving locally). Once
   * per recording at a time: a second call while one runs joins it, and a recording another tab of
   * this browser holds (recording or uploading it, Web Locks) is left to that tab.
   */
  finish(recording: StoredRecording): Promise<void> {
    const running = this.#finishing.get(recording.id);
    if (running) return running;
    const done = this.#lock(recording.id)
      .then((mine) => (mine ? this.#finish(recording) : undefined))
      .finally(() => {
        this.#finishing.delete(recording.id);
        this.#unlock(recording.id);
      });
    this.#finishing.set(recording.id, done);
    return done;
  }

  /** Takes the recording's lock for this tab if no other tab holds it (without Web Locks: always). */
  #lock(id: string): Promise<boolean> {
    const locks =
      this.options.locks === undefined && typeof navigator !== 'undefined'
        ? navigator.locks
        : this.options.locks;
    if (!locks || this.#held.has(id)) return Promise.resolve(true);
    return new Promise((granted) => {
      void locks.request(`sightline-recording:${id}`, { ifAvailable: true }, (lock) => {
        if (!lock) return granted(false);
        granted(true);
        return new Promise<void>((release) => this.#held.set(id, release));
      });
    });
  }

  #unlock(id: string): void {
    this.#held.get(id)?.();
    this.#held.delete(id);
  }

  async #finish(recording: StoredRecording): Promise<void> {
    const stop = recording.stop;
    if (!stop) return;
    this.#set({
      recordingId: recording.id,
      bytes: stop.bytes,
      durationMs: stop.durationMs,
      total: stop.bytes,
    });
    const reported = toResult(
      await this.options.api.POST('/v1/recordings/{id}/stop', {
        params: { path: { id: recording.id } },
        body: { ...stop, ...recording.envelope },
      }),
    );
    if (reported.error) {
      this.#set({ state: 'failed', problem: reported.error.detail ?? reported.error.title });
      return;
    }
    if (recording.storage === 'local' || !recording.uploadEndpoint) {
      this.#set({ state: 'local' });
      return;
    }
    this.#set({ state: 'uploading', uploaded: 0 });
    try {
      await uploadRecording({
        endpoint: new URL(recording.uploadEndpoint, recording.baseUrl).href,
        recordingId: recording.id,
        file: await this.#store.file(recording.id),
        getToken: this.options.getToken,
        onProgress: (uploaded, total) => this.#set({ uploaded, total }),
        ...(this.options.uploadChunkBytes ? { chunkSize: this.options.uploadChunkBytes } : {}),
        ...(this.options.onUpload ? { onUpload: this.options.onUpload } : {}),
      });
    } catch (error) {
      this.#set({ state: 'failed', problem: error instanceof Error ? error.message : String(error) });
      return;
    }
    await this.#store.delete(recording.id);
    this.#set({ state: 'uploaded', uploaded: stop.bytes });
  }

  /**
   * The recording as a playable WebM for saving on this machine (local-only portals, MC-12): opened
   * from IndexedDB, then forgotten there once `forget` is called after saving.
   */
  async localFile(recordingId: string): Promise<Blob | undefined> {
    const recording = await this.#store.get(recordingId);
    if (!recording) return undefined;
    const sealed = new Uint8Array(await (await this.#store.file(recordingId)).arrayBuffer());
    const plain = await openRecording(recording.key, sealed);
    return new Blob([plain], { type: recording.mimeType.split(';')[0] });
  }

  forget(recordingId: string): Promise<void> {
    return this.#store.delete(recordingId);
  }

  /**
   * Picks up what a crash or a reload left (VS-10): a recording cut off while it ran is closed with
   * its last segment (the seconds still in memory are lost) and reported as `recovered`; every
   * stopped one is reported and its upload resumes where it stopped. Recordings another open tab
   * holds (still recording or uploading them) are left to it.
   */
  resumePending(): Promise<number> {
    // One pass at a time in this tab: a second call (the inbox and the call of one page) runs after
    // the first and finds what it left.
    const pass = this.#resuming.then(() => this.#resumePending());
    this.#resuming = pass.catch(() => 0);
    return pass;
  }

  async #resumePending(): Promise<number> {
    let resumed = 0;
    for (const stored of await this.#store.all()) {
      if (stored.baseUrl !== this.options.baseUrl || stored.id === this.#current?.id) continue;
      if (this.#finishing.has(stored.id) || !(await this.#lock(stored.id))) continue;
      try {
        const recording = stored.state === 'recording' ? await this.#close(stored) : stored;
        if (recording.storage === 'local') continue;
        await this.finish(recording);
        resumed++;
      } finally {
        this.#unlock(stored.id);
      }
    }
    return resumed;
  }

  async #close(recording: StoredRecording): Promise<StoredRecording> {
    const last = await sealSegment(recording.key, recording.segments, new Uint8Array(0), true);
    const closed = await this.#store.append(recording.id, recording.segments, last);
    const sealed = new Uint8Array(await (await this.#store.file(recording.id)).arrayBuffer());
    const plain = await openRecording(recording.key, sealed);
    const digest = sha256(plain);
    const done: StoredRecording = {
      ...closed,
      state: 'stopped',
      stop: {
        durationMs: Date.now() - recording.startedAt,
        bytes: closed.sealedBytes,
        sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
        reason: 'recovered',
      },
    };
    await this.#store.put(done);
    return done;
  }
}
