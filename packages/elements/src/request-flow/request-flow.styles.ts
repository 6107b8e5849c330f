import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const requestFlowStyles = [
  sharedStyles,
  css`
    :host {
      --sightline-request-flow-max-width: var(--sightline-theme-form-width, 36rem);
      --sightline-request-flow-padding: var(--sightline-theme-space, 1rem);
    }
    [part='base'] {
      max-width: var(--sightline-request-flow-max-width);
      padding: var(--sightline-request-flow-padding);
      border: 1px solid var(--sightline-color-border);
      border-radius: var(--sightline-radius);
      background: var(--sightline-color-surface);
    }
    h2 {
      font-size: 1.25rem;
      margin: 0 0 1rem;
    }
    textarea {
      min-height: 5rem;
      resize: vertical;
    }
    .choice {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      font-weight: normal;
    }
    .choice input {
      width: auto;
    }
    .status-badge {
      display: inline-block;
      border-radius: 999px;
      padding: 0.1rem 0.6rem;
      background: var(--sightline-color-primary);
      color: var(--sightline-color-on-primary);
      font-size: 0.875em;
    }
    /* Waiting for staff: a quiet spinner (none where motion is reduced). */
    .waiting {
      display: inline-block;
      width: 0.9em;
      height: 0.9em;
      margin-right: 0.35rem;
      vertical-align: -0.1em;
      border: 2px solid var(--sightline-color-primary);
      border-right-color: transparent;
      border-radius: 50%;
      animation: spin 0.9s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(1turn);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .waiting {
        animation: none;
      }
    }
  `,
];
