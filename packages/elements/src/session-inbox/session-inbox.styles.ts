import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const sessionInboxStyles = [
  sharedStyles,
  css`
    :host {
      --sightline-session-inbox-list-width: var(--sightline-theme-list-width, 20rem);
      --sightline-session-inbox-badge-background: var(--sightline-theme-danger, #b3261e);
      --sightline-session-inbox-selected-background: var(--sightline-theme-selected, #e8f0fe);
    }
    [part='base'] {
      display: grid;
      gap: 1rem;
      grid-template-columns: minmax(14rem, var(--sightline-session-inbox-list-width)) 1fr;
      align-items: start;
    }
    @media (max-width: 40rem) {
      [part='base'] {
        grid-template-columns: 1fr;
      }
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      grid-column: 1 / -1;
    }
    h2 {
      font-size: 1.25rem;
      margin: 0;
    }
    h3 {
      font-size: 1rem;
      margin: 0.75rem 0 0.25rem;
    }
    [part='badge'] {
      border-radius: 999px;
      padding: 0.1rem 0.6rem;
      background: var(--sightline-session-inbox-badge-background);
      color: #fff;
      font-size: 0.875em;
      font-weight: 600;
    }
    [part='badge'][data-count='0'] {
      background: var(--sightline-color-muted);
    }
    .filter {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-inline-start: auto;
    }
    .filter select {
      width: auto;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    [part='item'] {
      display: grid;
      width: 100%;
      text-align: start;
      border-color: var(--sightline-color-border);
      color: var(--sightline-color-text);
    }
    [part='item'][aria-current='true'] {
      background: var(--sightline-session-inbox-selected-background);
      border-color: var(--sightline-color-primary);
    }
    .meta {
      color: var(--sightline-color-muted);
      font-size: 0.875em;
    }
    [part='details'],
    [part='new-session'] {
      border: 1px solid var(--sightline-color-border);
      border-radius: var(--sightline-radius);
      padding: 1rem;
      background: var(--sightline-color-surface);
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.35rem 1rem;
      margin: 0 0 1rem;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    dd ul,
    dd ol {
      gap: 0.1rem;
      padding: 0;
      margin: 0;
      list-style: none;
    }
    a {
      color: var(--sightline-color-primary);
    }
    .notice {
      margin: 0 0 0.75rem;
      color: var(--sightline-color-text);
    }
    [data-field='assignee']:focus {
      outline: 2px solid var(--sightline-color-primary);
      outline-offset: 2px;
    }
    .cancel-form {
      margin-block-start: 1rem;
    }
    sightline-video-call {
      margin-block-start: 1rem;
    }
  `,
];
