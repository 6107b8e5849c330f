import type { CallRecorder } from '@sightline/core/recorder';
import type { Sightline } from '../../shared/sdk.js';
import type { CallRecording, RecordingContext } from './call-recording.js';
import { hasStoredRecordings, recorderFor, resumeStoredRecordings } from './shared-recorder.js';

/**
 * The recording side of a call (VS-10, MC-12), which only staff have: the recorder (loaded on the
 * first recording, or when one is left to upload after a reload), Record/Stop, its progress, and
 * saving a local-only portal's recording. `CallRecording` loads this module for staff only, so a
 * customer's call never downloads it.
 */
export class StaffRecording {
  #recorder: CallRecorder | undefined;
  #progress: { unsubscribe(): void } | undefined;

  constructor(
    private readonly rec: CallRecording,
    private readonly update: () => void,
    private readonly ctx: RecordingContext,
  ) {}

  /** Recordings a reload cut off, or whose upload it interrupted, go on now, with their progress shown here. */
  async resume(sdk: Sightline): Promise<void> {
    if (!(await hasStoredRecordings())) return;
    await this.#recorderFor(sdk);
    await resumeStoredRecordings(sdk);
  }

  /** Stops the recording running here. */
  async stop(reason: Parameters<CallRecorder['stop']>[0]): Promise<void> {
    await this.#recorder?.stop(reason);
  }

  async #recorderFor(sdk: Sightline): Promise<CallRecorder> {
    if (this.#recorder) return this.#recorder;
    const recorder = await recorderFor(sdk);
    if (this.#recorder) return this.#recorder;
    this.#progress = recorder.progress$.subscribe((p) => {
      this.rec.progress = p;
      if (p.state === 'local' && p.recordingId) this.rec.localId = p.recordingId;
      this.update();
    });
    this.#recorder = recorder;
    return recorder;
  }

  /** Starts or stops recording. */
  async toggle(sdk: Sightline): Promise<void> {
    const rec = this.rec;
    if (rec.recordingHere) {
      await this.stop('stopped');
      return;
    }
    const video = this.ctx.video();
    const callId = this.ctx.callId();
    if (!video || !callId) return;
    rec.busy = true;
    rec.failed = false;
    this.update();
    try {
      const recorder = await this.#recorderFor(sdk);
      const { error } = await recorder.start({
        sessionId: this.ctx.sessionId(),
        callId,
        sources: { video, overlays: () => this.ctx.overlays(), audio: () => this.ctx.audio() },
      });
      rec.failed = !!error;
    } finally {
      rec.busy = false;
      this.update();
    }
  }

  /** Saves a local-only recording on this machine (File System Access where offered, else a download). */
  async saveLocal(): Promise<void> {
    const id = this.rec.localId;
    const recorder = this.#recorder;
    if (!id || !recorder) return;
    const file = await recorder.localFile(id);
    if (!file) return;
    const name = `sightline-recording-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.webm`;
    const picker = (window as { showSaveFilePicker?: (o: unknown) => Promise<FileSystemFileHandle> })
      .showSaveFilePicker;
    if (picker) {
      try {
        const handle = await picker({
          suggestedName: name,
          types: [{ accept: { 'video/webm': ['.webm'] } }],
        });
        const writable = await handle.createWritable();
        await writable.write(file);
        await writable.close();
      } catch {
        return; // Cancelled: the recording stays here until saved.
      }
    } else {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    }
    await recorder.forget(id);
    this.rec.localId = undefined;
    this.update();
  }

  dispose(): void {
    this.#progress?.unsubscribe();
  }
}
