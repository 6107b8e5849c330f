import { parseParticipantState } from '@sightline/core/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Subscription } from 'rxjs';
import type { MediaTransport } from '../../shared/sdk.js';
import type { PresenceTerms } from '../presence/presence-translations.js';

interface Host {
  requestUpdate(): void;
}

/** The other side as it told this side: its name and whether its camera and microphone are on. */
export interface RemoteState {
  name: string;
  camera: boolean;
  microphone: boolean;
}

/**
 * Both sides of a call tell each other who they are and whether camera and microphone are on
 * (VS-9), over the call's data channel: whenever this side's media change while connected, and in
 * answer to the first word from the other side (who may have joined after this side last spoke).
 * What arrives is validated (`parseParticipantState`) and kept as {@link RemoteState}.
 */
export class RemoteParticipant {
  state: RemoteState | undefined;
  #transport: MediaTransport | undefined;
  #subs: Subscription[] = [];
  #answered = false;
  #connected = false;

  constructor(
    private readonly host: Host,
    private readonly selfName: () => string,
  ) {}

  attach(transport: MediaTransport | undefined): void {
    if (transport === this.#transport) return;
    this.detach();
    this.#transport = transport;
    if (!transport) return;
    this.#subs.push(
      transport.messages$.subscribe(({ message }) => {
        const state = parseParticipantState(message);
        if (!state) return;
        this.state = { name: state.name, camera: state.camera, microphone: state.microphone };
        if (!this.#answered) {
          this.#answered = true;
          this.#tell();
        }
        this.host.requestUpdate();
      }),
      transport.connectionState$.subscribe((connection) => {
        this.#connected = connection === 'connected';
        if (this.#connected) this.#tell();
      }),
      transport.localMedia$.subscribe(() => {
        if (this.#connected) this.#tell();
      }),
    );
  }

  detach(): void {
    for (const s of this.#subs.splice(0)) s.unsubscribe();
    this.#transport = undefined;
    this.#answered = false;
    this.#connected = false;
    this.state = undefined;
  }

  #tell(): void {
    const transport = this.#transport;
    if (!transport) return;
    let media = { cameraEnabled: false, microphoneEnabled: false };
    transport.localMedia$.subscribe((m) => (media = m)).unsubscribe();
    transport.send({
      type: 'call.participant',
      name: this.selfName().slice(0, 200),
      camera: media.cameraEnabled,
      microphone: media.microphoneEnabled,
    });
  }
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/**
 * Over the other side's video: a name card while its camera is off (instead of a frozen or empty
 * frame), else its name, and "muted" while its microphone is off; `data-speaking` while its audio
 * is loud enough to be speech.
 */
export function remoteParticipantView(
  remote: RemoteState | undefined,
  fallbackName: string,
  t: PresenceTerms,
  speaking = false,
): TemplateResult | typeof nothing {
  if (!remote) return nothing;
  const name = remote.name || fallbackName;
  const muted = remote.microphone ? nothing : html`<span class="muted" data-remote="muted">${t.muted}</span>`;
  const talking = speaking && remote.microphone;
  if (!remote.camera) {
    return html`<div part="name-card" class="name-card" data-remote="camera-off" ?data-speaking=${talking}>
      <span class="avatar" aria-hidden="true">${initials(name) || '?'}</span>
      <span class="name">${name}</span>
      <span class="camera-off">${t.cameraOff}</span>
      ${muted}
    </div>`;
  }
  return html`<div part="name-tag" class="name-tag" ?data-speaking=${talking}><span class="name">${name}</span>${muted}</div>`;
}
