import { css } from 'lit';
import { sharedStyles } from '../../shared/shared.styles.js';

export const arLayerStyles = [
  sharedStyles,
  css`
    :host {
      display: contents;
    }
    .surface {
      position: relative;
      display: grid;
    }
    /* Touch targets of at least 44 px, as everywhere in the call. */
    button,
    select {
      min-height: 44px;
      min-width: 44px;
    }
    button[aria-pressed='true'] {
      background: var(--sightline-color-primary);
      color: var(--sightline-color-on-primary);
    }
    [part='overlay'],
    [part='markers'] {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      pointer-events: none;
      z-index: 1;
    }
    [part='overlay'].drawing {
      pointer-events: auto;
      touch-action: none;
      cursor: crosshair;
    }
    .marker {
      position: absolute;
      box-sizing: border-box;
      border: 3px solid var(--sightline-video-call-marker-color, #ffd60a);
      border-radius: 4px;
    }
    .marker[data-status='lost'] {
      border-style: dashed;
      opacity: 0.75;
    }
    .marker-label {
      position: absolute;
      left: -3px;
      bottom: 100%;
      padding: 0.1rem 0.35rem;
      background: #000;
      color: #fff;
      font-size: 0.8em;
      white-space: nowrap;
    }
    [part='tools'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
    }
    [part='tools'] label {
      display: grid;
      gap: 0.15rem;
      font-size: 0.875em;
    }
    [part='upload'] {
      width: 8rem;
      height: 0.5rem;
      align-self: center;
      background: var(--sightline-color-border, #ccc);
      border-radius: 999px;
      overflow: hidden;
    }
    [part='upload'] span {
      display: block;
      height: 100%;
      background: var(--sightline-color-primary);
    }
    /* The screenshot panel: under the video, not over the page; each side opens its own. */
    [part='annotation'] {
      border: 1px solid var(--sightline-color-border, #ccc);
      border-radius: var(--sightline-radius);
      padding: 0.75rem;
    }
    .annotation-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    [part='gallery'] {
      display: flex;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
      overflow-x: auto;
    }
    [part='gallery'] button {
      position: relative;
      padding: 0;
      width: 5.5rem;
      aspect-ratio: 16 / 9;
      overflow: hidden;
    }
    [part='gallery'] button[aria-current='true'] {
      outline: 3px solid var(--sightline-color-primary);
    }
    [part='gallery'] img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    [part='gallery'] .badge {
      position: absolute;
      top: 0.15rem;
      right: 0.15rem;
      padding: 0 0.3rem;
      border-radius: 999px;
      background: var(--sightline-color-primary);
      color: var(--sightline-color-on-primary);
      font-size: 0.75em;
    }
    [part='annotation'] h3 {
      margin: 0 0 0.5rem;
    }
    [part='annotation'] canvas {
      display: block;
      width: 100%;
      max-height: 60vh;
      object-fit: contain;
      touch-action: none;
      cursor: crosshair;
      background: #000;
      margin-bottom: 0.5rem;
    }
`,
];
