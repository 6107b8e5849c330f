import type { RecorderProgress } from '@sightline/core/recorder';
import type { Sightline } from '../../shared/sdk.js';
import { recordConsent } from '../consent-log.js';
import type { StaffRecording } from './staff-recording.js';

/** The customer's recording answer as the consent log holds it (VS-10). */
export type RecordingAnswer = 'not-asked' | 'granted' | 'denied' | 'revoked';

interface Host {
  requestUpdate(): void;
}

/** What the recording needs from the call element. */
export interface RecordingContext {
  sdk(): Sightline | undefined;
  sessionId(): string;
  side(): 'staff' | 'customer';
  capabilities(): readonly string[];
  callId(): string | undefined;
  /** The customer's video with what is drawn over it, and every audio stream of the call. */
  video(): HTMLVideoElement | null;
  overlays(): CanvasImageSource[];
  audio(): MediaStream[];
}

const EVENTS = new Set(['recording.started', 'recording.stopped', 'recording.available', 'consent.recorded']);

/**
 * Recording in the call (VS-10, MC-12): staff may record only with the customer's consent — the
 * button stays disabled until it is given, and the server refuses otherwise; the customer answers
 * the question on the call screen (or already did in the request flow) and can withdraw it, which
 * stops a running recording at once on the recorder's side. Both sides show "Recording" while one
 * runs, from the session's own events. What only staff do (the recorder, Record/Stop, saving a local
 * recording) is `StaffRecording`, a chunk that loads on the staff side only.
 */
export class CallRecording {
  consent: RecordingAnswer = 'not-asked';
  /** The recording running in this session, as the events tell both sides. */
  running: string | undefined;
  progress: RecorderProgress | undefined;
  busy = false;
  failed = false;
  /** The last recording of a local-only portal, waiting to be saved here (MC-12). */
  localId: string | undefined;
  #staff: Promise<StaffRecording> | undefined;
  #loadedFor = '';
  #events: { unsubscribe(): void } | undefined;

  constructor(
    private readonly host: Host,
    private readonly ctx: RecordingContext,
  ) {}

  /** Staff may record in this session: the server lists `recording.start` for them (portal, settings). */
  get mayRecord(): boolean {
    return this.ctx.side() === 'staff' && this.ctx.capabilities().includes('recording.start');
  }

  /** The customer is asked: the portal records sessions. */
  get asksCustomer(): boolean {
    return this.ctx.side() === 'customer' && this.ctx.capabilities().includes('recording.consent');
  }

  get recordingHere(): boolean {
    const state = this.progress?.state;
    return state === 'starting' || state === 'recording' || state === 'stopping';
  }

  /** Follows the session's events and reads the consent log once per session. */
  attach(): void {
    const sdk = this.ctx.sdk();
    const sessionId = this.ctx.sessionId();
    if (!sdk || !sessionId) return;
    if (!this.#events) {
      this.#events = sdk.events$.subscribe((e) => {
        if (e.type !== 'other' || !EVENTS.has(e.name) || e.sessionId !== this.ctx.sessionId()) return;
        this.#onEvent(e.name, e.data as Record<string, unknown>);
      });
    }
    if (this.#loadedFor === sessionId) return;
    this.#loadedFor = sessionId;
    void this.#load(sdk, sessionId);
  }

  detach(): void {
    this.#events?.unsubscribe();
    this.#events = undefined;
    // Ending the call ends the recording; its upload goes on.
    if (this.recordingHere) void this.#staff?.then((s) => s.stop('call-ended'));
  }

  /** The staff side's part, loaded on first use. */
  #staffPart(): Promise<StaffRecording> {
    this.#staff ??= import('./staff-recording.js').then(
      ({ StaffRecording }) => new StaffRecording(this, () => this.host.requestUpdate(), this.ctx),
    );
    return this.#staff;
  }

  async #load(sdk: Sightline, sessionId: string): Promise<void> {
    const [consents, recordings] = await Promise.all([
      sdk.api.GET('/v1/sessions/{id}/consents', { params: { path: { id: sessionId } } }),
      sdk.api.GET('/v1/recordings', { params: { query: { sessionId, limit: 5 } } }),
    ]);
    const last = consents.data?.items.filter((c) => c.kind === 'recording').at(-1);
    if (last) this.consent = last.decision;
    this.running = recordings.data?.items.find((r) => r.status === 'recording')?.id;
    this.host.requestUpdate();
    // Recordings a reload cut off, or whose upload it interrupted, go on now (staff only), with
    // their progress shown here.
    if (this.ctx.side() === 'staff') await (await this.#staffPart()).resume(sdk);
  }

  #onEvent(name: string, data: Record<string, unknown>): void {
    if (name === 'consent.recorded') {
      const consent = data.consent as { kind?: string; decision?: RecordingAnswer } | undefined;
      if (consent?.kind !== 'recording' || !consent.decision) return;
      this.consent = consent.decision;
      // Withdrawn: the recording stops at once (VS-10); the server refuses a new one.
      if (consent.decision !== 'granted' && this.recordingHere)
        void this.#staff?.then((s) => s.stop('consent-revoked'));
    } else {
      const recording = data.recording as { id?: string; status?: string } | undefined;
      if (name === 'recording.started') this.running = recording?.id;
      else if (recording?.id === this.running) this.running = undefined;
    }
    this.host.requestUpdate();
  }

  /** Starts or stops recording (staff). */
  async toggle(): Promise<void> {
    const sdk = this.ctx.sdk();
    if (!sdk || this.busy) return;
    await (await this.#staffPart()).toggle(sdk);
  }

  /** The customer's answer, a new record in the session's consent log. */
  async answer(decision: 'granted' | 'denied' | 'revoked'): Promise<void> {
    const sdk = this.ctx.sdk();
    if (!sdk || this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      const kept = await recordConsent(sdk, this.ctx.sessionId(), 'recording', decision);
      this.failed = !kept;
      if (kept) this.consent = kept;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Saves a local-only recording on this machine (File System Access where offered, else a download). */
  async saveLocal(): Promise<void> {
    if (this.localId) await (await this.#staffPart()).saveLocal();
  }

  reset(): void {
    this.#loadedFor = '';
    this.consent = 'not-asked';
    this.running = undefined;
    this.failed = false;
  }

  dispose(): void {
    this.detach();
    void this.#staff?.then((s) => s.dispose());
  }
}
