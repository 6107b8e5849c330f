import type { components } from '@sightline/api-client';
import { fromBase64, importDataKey, openRecording, withDuration } from '@sightline/core/recording';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { emit, type SightlineEventMap } from '../shared/events.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { type RecordingListTerms, recordingListTerms } from './recording-translations.js';

type Recording = components['schemas']['Recording'];

/** Detail of `sightline-recordings-change`: how many recordings the session has. */
export type RecordingsChangeDetail = SightlineEventMap['sightline-recordings-change']['detail'];

const length = (ms: number | null) => {
  const s = Math.round((ms ?? 0) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * @tagname sightline-recording-list
 * @summary A session's recordings with replay (VS-15, MC-12, MC-13): each with when, how long and
 * where it is kept; a protected one opens with the portal's replay passphrase. The server checks the
 * passphrase (counting wrong guesses) and hands out the recording's key; the file is opened here,
 * segment by segment, so it never exists readable on the server's disk or on the wire.
 *
 * @event {CustomEvent<RecordingsChangeDetail>} sightline-recordings-change - The list was (re)loaded.
 *
 * @csspart list - The list of recordings.
 * @csspart player - The video of an opened recording.
 *
 * @example
 * <sightline-recording-list session-id="…"></sightline-recording-list>
 */
export class SightlineRecordingList extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    recordings: { state: true, attribute: false },
    asking: { state: true, attribute: false },
    opening: { state: true, attribute: false },
    message: { state: true, attribute: false },
    opened: { state: true, attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.75rem;
      }
      li {
        display: grid;
        gap: 0.4rem;
      }
      video {
        inline-size: 100%;
        max-inline-size: 40rem;
        background: #000;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .meta {
        color: var(--sightline-theme-muted, #555);
      }
    `,
  ];

  sessionId = '';

  private recordings: Recording[] | undefined;
  /** The recording whose passphrase is being asked, or that is opening / open. */
  private asking: string | undefined;
  private opening: string | undefined;
  private message: { id: string; text: string } | undefined;
  private opened: Record<string, string> = {};

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId')) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const url of Object.values(this.opened)) URL.revokeObjectURL(url);
    this.opened = {};
  }

  /** Reads the session's recordings again. */
  async load(): Promise<void> {
    const sdk = this.sdk;
    if (!sdk || !this.sessionId) return;
    const { data } = await sdk.api.GET('/v1/recordings', {
      params: { query: { sessionId: this.sessionId, limit: 200 } },
    });
    this.recordings = data?.items ?? [];
    emit(this, 'sightline-recordings-change', { sessionId: this.sessionId, count: this.recordings.length });
  }

  async #open(recording: Recording, passphrase?: string): Promise<void> {
    const sdk = this.sdk;
    if (!sdk) return;
    const t = recordingListTerms[this.localize.lang];
    this.opening = recording.id;
    this.message = undefined;
    try {
      const grant = await sdk.api.POST('/v1/recordings/{id}/replay', {
        params: { path: { id: recording.id } },
        body: passphrase === undefined ? {} : { passphrase },
      });
      if (!grant.data) {
        const status = grant.response.status;
        this.message = {
          id: recording.id,
          text: status === 403 ? t.wrong : status === 429 ? t.tooMany : t.failed,
        };
        return;
      }
      const content = await fetch(new URL(grant.data.contentUrl, sdk.baseUrl), {
        headers: { authorization: `Bearer ${sdk.token ?? ''}` },
      });
      if (!content.ok) throw new Error(String(content.status));
      const sealed = new Uint8Array(await content.arrayBuffer());
      const plain = await openRecording(await importDataKey(fromBase64(grant.data.dataKey)), sealed);
      // MediaRecorder's WebM carries no duration: it is written into the copy played here (the
      // stored file, and its SHA-256, stay as recorded), so the player shows the length and seeks.
      const playable = recording.durationMs ? withDuration(plain, recording.durationMs) : plain;
      const url = URL.createObjectURL(
        new Blob([playable as Uint8Array<ArrayBuffer>], { type: 'video/webm' }),
      );
      this.opened = { ...this.opened, [recording.id]: url };
      this.asking = undefined;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLVideoElement>(`video[data-recording="${recording.id}"]`)?.focus();
    } catch {
      this.message = { id: recording.id, text: t.failed };
    } finally {
      this.opening = undefined;
    }
  }

  #play(recording: Recording): void {
    if (!recording.protected) {
      void this.#open(recording);
      return;
    }
    this.asking = recording.id;
    this.message = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>(`#passphrase-${recording.id}`)?.focus(),
    );
  }

  protected override render(): TemplateResult {
    const t = recordingListTerms[this.localize.lang];
    const list = this.recordings;
    if (!list) return html`<p role="status">${t.loading}</p>`;
    if (list.length === 0) return html`<p>${t.none}</p>`;
    return html`<ul part="list">
      ${list.map((r) => this.#item(r, t))}
    </ul>`;
  }

  #item(r: Recording, t: RecordingListTerms): TemplateResult {
    const when = this.localize.dateTime(r.startedAt);
    const where =
      r.status === 'available'
        ? t.onServer
        : r.status === 'local'
          ? t.local
          : r.status === 'recording'
            ? t.running
            : t.uploading;
    const url = this.opened[r.id];
    const busy = this.opening === r.id;
    return html`<li data-recording=${r.id}>
      <span><strong>${t.item(when, length(r.durationMs))}</strong></span>
      <span class="meta">${where}${r.protected ? html` · ${t.protected}` : nothing}</span>
      ${
        url
          ? html`<video part="player" data-recording=${r.id} controls tabindex="0" aria-label=${t.player(when)} src=${url}></video>
              <a href=${url} download=${`recording-${r.id}.webm`}>${t.download}</a>`
          : r.status === 'available' && this.asking !== r.id
            ? html`<button type="button" data-action="play" ?disabled=${busy} @click=${() => this.#play(r)}>${t.play}</button>`
            : nothing
      }
      ${
        this.asking === r.id && !url
          ? html`<form
              @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                const input = (e.target as HTMLFormElement).elements.namedItem(
                  'passphrase',
                ) as HTMLInputElement;
                void this.#open(r, input.value);
              }}
            >
              <label for=${`passphrase-${r.id}`}>${t.passphrase}</label>
              <input id=${`passphrase-${r.id}`} name="passphrase" type="password" autocomplete="off" required />
              <button type="submit" data-action="unlock" ?disabled=${busy}>${t.unlock}</button>
              <button type="button" data-action="cancel" @click=${() => (this.asking = undefined)}>${t.cancel}</button>
            </form>`
          : nothing
      }
      ${busy ? html`<p role="status">${t.opening}</p>` : nothing}
      ${this.message?.id === r.id ? html`<p class="alert" role="alert">${this.message.text}</p>` : nothing}
    </li>`;
  }
}
