import { css } from 'lit';
import { adminStyles } from '../shared/admin.styles.js';

/** The management look plus the endpoint list's long URLs, notes and the form's checkbox lists. */
export const webhooksStyles = [
  adminStyles,
  css`
    .url {
      overflow-wrap: anywhere;
    }
    .description,
    .why {
      display: block;
      font-weight: 400;
      font-size: 0.9em;
      color: var(--sightline-color-muted);
    }
    .choices {
      display: grid;
      gap: 0.35rem;
      margin-block-start: 0.35rem;
    }
    .check {
      align-items: flex-start;
    }
    .check input {
      margin-block-start: 0.2rem;
    }
    .choices small {
      display: block;
      color: var(--sightline-color-muted);
    }
    td.actions-cell {
      white-space: normal;
    }
    td.actions-cell button {
      margin-block: 0.15rem;
    }
  `,
];
