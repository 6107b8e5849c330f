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
    }
    [part='stage'] {
      position: relative;
      aspect-ratio: var(--sightline-video-call-aspect-ratio);
      background: var(--sightline-video-call-background);
      border-radius: var(--sightline-radius);
      overflow: hidden;
    }
    [part='remote-video'] {
      width: 100%;
      height: 100%;
      object-fit: contain;
    }
    [part='remote-video'].mirrored {
      transform: scaleX(-1);
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
    button[aria-pressed='true'] {
      background: var(--sightline-color-primary);
      color: var(--sightline-color-on-primary);
    }
    .picker {
      display: grid;
      gap: 0.15rem;
      min-width: 10rem;
      font-size: 0.875em;
    }
  `,
];
