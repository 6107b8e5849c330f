import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const videoCallStyles = [
  sharedStyles,
  css`
    :host {
      --sightline-video-call-background: var(--sightline-theme-video-background, #111318);
      --sightline-video-call-aspect-ratio: var(--sightline-theme-video-aspect-ratio, 16 / 9);
      --sightline-video-call-preview-width: var(--sightline-theme-preview-width, 25%);
    }
    [part='base'] {
      display: grid;
      gap: 0.5rem;
      container-type: inline-size;
    }
    /* The AR layer wraps the stage and the status lines; its parts sit in the call's grid. */
    sightline-ar-layer {
      display: contents;
    }
    [part='stage'] {
      position: relative;
      aspect-ratio: var(--sightline-video-call-aspect-ratio);
      background: var(--sightline-video-call-background);
      border-radius: var(--sightline-radius);
      overflow: hidden;
    }
    .call-timer {
      position: absolute;
      top: 0.5rem;
      left: 0.5rem;
      z-index: 2;
      padding: 0.1rem 0.45rem;
      border-radius: var(--sightline-radius);
      background: rgb(0 0 0 / 0.6);
      color: #fff;
      font-variant-numeric: tabular-nums;
      font-size: 0.875em;
    }
    .quality {
      position: absolute;
      top: 0.5rem;
      right: 0.5rem;
      z-index: 2;
      display: flex;
      align-items: end;
      gap: 2px;
      padding: 0.3rem 0.4rem;
      border-radius: var(--sightline-radius);
      background: rgb(0 0 0 / 0.6);
    }
    .quality .bar {
      width: 4px;
      background: rgb(255 255 255 / 0.35);
    }
    .quality .bar:nth-child(1) {
      height: 5px;
    }
    .quality .bar:nth-child(2) {
      height: 9px;
    }
    .quality .bar:nth-child(3) {
      height: 13px;
    }
    .quality .bar.on {
      background: #fff;
    }
    .quality[data-quality='poor'] .bar.on {
      background: #ff6b6b;
    }
    /* The other side's camera is off: its name instead of a frozen or empty frame (VS-9). */
    .name-card {
      position: absolute;
      inset: 0;
      z-index: 1;
      display: grid;
      place-content: center;
      justify-items: center;
      gap: 0.35rem;
      background: var(--sightline-video-call-background);
      color: #fff;
      text-align: center;
    }
    .surface-local .name-card {
      inset: auto 0.5rem 0.5rem auto;
      width: var(--sightline-video-call-preview-width);
      aspect-ratio: 16 / 9;
      z-index: 2;
      border-radius: var(--sightline-radius);
      font-size: 0.8em;
    }
    .name-card .avatar {
      display: grid;
      place-items: center;
      width: 3em;
      height: 3em;
      border-radius: 50%;
      background: var(--sightline-color-primary);
      font-weight: 700;
    }
    .name-card .camera-off,
    .muted {
      font-size: 0.875em;
      opacity: 0.9;
    }
    .name-tag {
      position: absolute;
      left: 0.5rem;
      bottom: 0.5rem;
      z-index: 2;
      display: flex;
      gap: 0.5rem;
      padding: 0.15rem 0.5rem;
      border-radius: var(--sightline-radius);
      background: rgb(0 0 0 / 0.6);
      color: #fff;
      font-size: 0.875em;
    }
    /* Speaking: a ring, the way people know it from other call apps. */
    .name-tag[data-speaking] {
      box-shadow: 0 0 0 2px #4ade80;
    }
    .name-card[data-speaking] .avatar {
      box-shadow: 0 0 0 3px #4ade80;
    }
    .surface-local .name-tag {
      left: auto;
      right: 0.75rem;
      bottom: 0.75rem;
      z-index: 3;
    }
    /* The other side is away (VS-9): said over the video, on top of everything drawn there. */
    .presence-banner {
      position: absolute;
      inset: 0.5rem 0.5rem auto;
      z-index: 3;
      padding: 0.5rem 0.75rem;
      border-radius: var(--sightline-radius);
      background: rgb(0 0 0 / 0.75);
      color: #fff;
      font-weight: 600;
    }
    [part='remote-video'] {
      width: 100%;
      height: 100%;
      object-fit: contain;
    }
    [part='remote-video'].mirrored,
    [part='local-video'].mirrored {
      transform: scaleX(-1);
    }
    /* The customer draws on their own camera: shown large, the other side small. */
    .surface-local [part='local-video'] {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
      border: 0;
      border-radius: 0;
      background: transparent;
    }
    .surface-local [part='remote-video'] {
      position: absolute;
      right: 0.5rem;
      bottom: 0.5rem;
      width: var(--sightline-video-call-preview-width);
      height: auto;
      aspect-ratio: 16 / 9;
      background: var(--sightline-video-call-background);
      z-index: 2;
      border: 2px solid var(--sightline-color-surface);
      border-radius: var(--sightline-radius);
    }
    [part='local-video'] {
      position: absolute;
      right: 0.5rem;
      bottom: 0.5rem;
      width: var(--sightline-video-call-preview-width);
      border: 2px solid var(--sightline-color-surface);
      border-radius: var(--sightline-radius);
      background: #000;
    }
    [part='local-video'][hidden] {
      display: none;
    }
    [part='status'] {
      margin: 0;
    }
    [part='controls'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
    }
    /* Touch targets of at least 44 px everywhere in the call. */
    button,
    select {
      min-height: 44px;
      min-width: 44px;
    }
    button .icon {
      width: 1.25em;
      height: 1.25em;
      margin-right: 0.35em;
      vertical-align: -0.25em;
      fill: currentColor;
    }
    /* Wide: every control in the bar; the More menu is not needed. */
    .more {
      display: contents;
    }
    .more-toggle {
      display: none;
    }
    /* On a phone: icons for camera, microphone, switch camera, More and End call; the rest in More. */
    @container (max-width: 32rem) {
      [part='controls'] {
        align-items: center;
      }
      [part='controls'] > button .label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      [part='controls'] > button .icon {
        margin-right: 0;
      }
      .more-toggle {
        display: inline-block;
      }
      .more {
        display: none;
      }
      .more[data-open] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        order: 10;
        flex-basis: 100%;
      }
      [part='end'] {
        margin-left: auto;
      }
    }
    button[aria-pressed='true'] {
      background: var(--sightline-color-primary);
      color: var(--sightline-color-on-primary);
    }
    /* Label and list on one line, no taller than a button: the pickers appear once the devices are
       known (after the camera has opened) and must not push down the buttons already in the bar. */
    .picker {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.875em;
    }
    .picker select {
      min-width: 8rem;
    }
      /* In-call chat (VS-15). */
    [part='chat'] {
      border: 1px solid #d0d7de;
      border-radius: 0.5rem;
      padding: 0.5rem;
      display: grid;
      gap: 0.5rem;
    }
    .chat-log {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: 14rem;
      overflow-y: auto;
      display: grid;
      gap: 0.35rem;
    }
    .chat-log li {
      display: grid;
      gap: 0.1rem;
    }
    .chat-log li.mine {
      justify-items: end;
      text-align: end;
    }
    .chat-log li[data-kind='note'] .text {
      font-style: italic;
    }
    .chat-log .author,
    .chat-log time,
    .note-hint {
      font-size: 0.8em;
      color: #57606a;
    }
    .chat-log .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .chat-form {
      display: flex;
      gap: 0.5rem;
      align-items: end;
      flex-wrap: wrap;
    }
    .chat-form textarea {
      flex: 1 1 12rem;
      font: inherit;
    }
    /* The customer's AI-summary consent (SI-3). */
    [part='summary-consent'] {
      display: grid;
      gap: 0.5rem;
    }
    .consent-question,
    .consent-answer {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0;
    }
    .consent-question legend {
      padding: 0;
      margin-block-end: 0.25rem;
    }
    /* Recording (VS-10): the indicator both sides see, the upload's progress. */
    .recording-status {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    [part='recording'] {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-weight: 600;
      color: #b3261e;
    }
    [part='recording'] .dot {
      inline-size: 0.75rem;
      block-size: 0.75rem;
      border-radius: 50%;
      background: currentColor;
    }
    .recording-status .error {
      color: #b3261e;
    }
    .badge {
      border-radius: 999px;
      background: #b3261e;
      color: #fff;
      padding: 0 0.4rem;
      font-size: 0.8em;
    }
`,
];
