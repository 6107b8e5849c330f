import { html, nothing, type TemplateResult } from 'lit';
import type { LocalMediaState, MediaTransport } from '../../shared/sdk.js';
import type { callTerms } from '../call-translations.js';
import { icon } from './icons.js';

/** What the control bar needs from the call element. */
export interface ControlsContext {
  t: (typeof callTerms)['en'];
  transport: MediaTransport | undefined;
  media: LocalMediaState | undefined;
  live: boolean;
  /** Start (or Join, when the session's call already runs) is offered. */
  start: 'start' | 'join' | undefined;
  soundBlocked: boolean;
  mayMirror: boolean;
  mirrored: boolean;
  devices: readonly MediaDeviceInfo[];
  fullscreen: boolean;
  pictureInPicture: boolean | undefined;
  /** Recording and chat, when this side has them. */
  extras: readonly (TemplateResult | typeof nothing)[];
  /** On a narrow call, the controls beyond the first few are in a menu: whether it is open. */
  moreOpen: boolean;
  onMore(open: boolean): void;
  onStart(): void;
  onEnd(): void;
  onSound(): void;
  onMirror(): void;
  onFullscreen(): void;
  onPictureInPicture(): void;
  /** Runs a media operation and shows its failure. */
  run(op: Promise<{ ok: boolean; error?: { code: string } }>): void;
}

/**
 * The call's control bar: every toggle's `aria-pressed` means "on" (camera, microphone, mirror,
 * full screen, picture-in-picture); Start reads Join when the session's call already runs; End call
 * comes last. On a narrow call (a phone) the bar shows icons (their names stay for assistive
 * technology and as tooltips): camera, microphone, switch camera, More and End call; the rest is in
 * the More menu (Escape closes it).
 */
export function callControls(c: ControlsContext): TemplateResult {
  const { t, transport, media, live } = c;
  return html`<div part="controls" role="group" aria-label=${t.controls}>
    ${
      c.start
        ? html`<button class="primary" data-action="start" @click=${c.onStart}>
            ${c.start === 'join' ? t.joinCall : t.startCall}
          </button>`
        : nothing
    }
    ${c.soundBlocked ? html`<button data-action="sound" @click=${c.onSound}>${t.enableSound}</button>` : nothing}
    <button
      data-action="camera"
      aria-pressed=${media?.cameraEnabled ? 'true' : 'false'}
      title=${media?.cameraEnabled ? t.cameraOffHint : t.cameraOnHint}
      ?disabled=${!live}
      @click=${() => transport && c.run(transport.setCameraEnabled(!media?.cameraEnabled))}
    >
      ${icon('camera')}<span class="label">${t.camera}</span>
    </button>
    <button
      data-action="microphone"
      aria-pressed=${media?.microphoneEnabled ? 'true' : 'false'}
      title=${media?.microphoneEnabled ? t.microphoneOffHint : t.microphoneOnHint}
      ?disabled=${!live}
      @click=${() => transport && c.run(transport.setMicrophoneEnabled(!media?.microphoneEnabled))}
    >
      ${icon('microphone')}<span class="label">${t.microphone}</span>
    </button>
    ${flip(c)}
    <button
      class="more-toggle"
      data-action="more"
      aria-expanded=${c.moreOpen ? 'true' : 'false'}
      aria-controls="more-controls"
      title=${t.more}
      @click=${() => c.onMore(!c.moreOpen)}
    >
      ${icon('more')}<span class="label">${t.more}</span>
    </button>
    <div
      id="more-controls"
      class="more"
      ?data-open=${c.moreOpen}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape' && c.moreOpen) {
          e.stopPropagation();
          c.onMore(false);
        }
      }}
    >
      ${
        c.mayMirror
          ? html`<button data-action="mirror" aria-pressed=${c.mirrored ? 'true' : 'false'} @click=${c.onMirror}>
              ${t.mirror}
            </button>`
          : nothing
      }
      <button data-action="fullscreen" aria-pressed=${c.fullscreen ? 'true' : 'false'} ?disabled=${!live} @click=${c.onFullscreen}>
        ${t.fullscreen}
      </button>
      ${
        c.pictureInPicture === undefined
          ? nothing
          : html`<button
              data-action="pip"
              aria-pressed=${c.pictureInPicture ? 'true' : 'false'}
              ?disabled=${!live}
              @click=${c.onPictureInPicture}
            >
              ${t.pictureInPicture}
            </button>`
      }
      ${picker(c, 'videoinput', t.camera, media?.videoDeviceId)}
      ${picker(c, 'audioinput', t.microphone, media?.audioDeviceId)}
      ${c.extras}
    </div>
    <button part="end" class="danger" data-action="end" title=${t.endCall} ?disabled=${!live} @click=${c.onEnd}>
      ${icon('end')}<span class="label">${t.endCall}</span>
    </button>
  </div>`;
}

/** With two cameras or more (a phone's front and back), one press switches to the next. */
function flip(c: ControlsContext): TemplateResult | typeof nothing {
  const cameras = c.devices.filter((d) => d.kind === 'videoinput' && d.deviceId);
  if (cameras.length < 2) return nothing;
  const next = () => {
    const at = cameras.findIndex((d) => d.deviceId === c.media?.videoDeviceId);
    const to = cameras[(at + 1) % cameras.length];
    if (c.transport && to) c.run(c.transport.switchDevice('videoinput', to.deviceId));
  };
  return html`<button data-action="flip" title=${c.t.flipHint} ?disabled=${!c.live || !c.media?.cameraEnabled} @click=${next}>
    ${icon('flip')}<span class="label">${c.t.flipCamera}</span>
  </button>`;
}

function picker(
  c: ControlsContext,
  kind: 'videoinput' | 'audioinput',
  label: string,
  current: string | undefined,
): TemplateResult | typeof nothing {
  const devices = c.devices.filter((d) => d.kind === kind && d.deviceId);
  if (devices.length === 0) return nothing;
  const transport = c.transport;
  return html`<label class="picker"
    >${label}
    <select
      data-picker=${kind}
      ?disabled=${!c.live}
      @change=${(e: Event) => transport && c.run(transport.switchDevice(kind, (e.target as HTMLSelectElement).value))}
    >
      ${devices.map(
        (d, i) =>
          html`<option value=${d.deviceId} ?selected=${d.deviceId === current}>
            ${d.label || (d.deviceId === 'default' ? c.t.defaultDevice : `${label} ${i + 1}`)}
          </option>`,
      )}
    </select></label
  >`;
}
