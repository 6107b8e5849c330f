import { css } from 'lit';
import { sharedStyles } from '../../shared/shared.styles.js';

/**
 * The look of the management elements: the shared element look plus tables, tool bars, dialogs and
 * switches, readable down to a 390 px wide phone (tables scroll sideways in their own region).
 */
export const adminStyles = [
  sharedStyles,
  css`
    :host {
      --sightline-admin-row-hover: var(--sightline-theme-selected, #eef3fc);
      --sightline-admin-subtle: var(--sightline-theme-subtle, #f6f8fa);
      --sightline-admin-success: var(--sightline-theme-success, #1a7f37);
    }
    h2 {
      font-size: 1.25rem;
      margin: 0;
    }
    h3 {
      font-size: 1.05rem;
      margin: 1.25rem 0 0.5rem;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-block-end: 1rem;
    }
    .toolbar .grow {
      margin-inline-start: auto;
    }
    .table-wrap {
      overflow-x: auto;
      border: 1px solid var(--sightline-color-border);
      border-radius: var(--sightline-radius);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.95rem;
    }
    th,
    td {
      text-align: start;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid #d0d7de;
      vertical-align: middle;
    }
    thead th {
      background: var(--sightline-admin-subtle);
      font-weight: 600;
      white-space: nowrap;
    }
    tbody tr:last-child > * {
      border-bottom: 0;
    }
    tbody tr:hover {
      background: var(--sightline-admin-row-hover);
    }
    td.actions-cell {
      white-space: nowrap;
      text-align: end;
    }
    td.actions-cell button {
      min-height: 2.25rem;
      padding: 0.3rem 0.7rem;
    }
    .muted {
      color: var(--sightline-color-muted);
    }
    .tag {
      display: inline-block;
      border-radius: 999px;
      padding: 0.05rem 0.55rem;
      background: var(--sightline-admin-subtle);
      border: 1px solid #d0d7de;
      font-size: 0.85em;
      margin: 0.1rem 0.15rem 0.1rem 0;
      white-space: nowrap;
    }
    .notice {
      color: var(--sightline-admin-success);
      margin: 0 0 0.75rem;
      min-height: 1.4em;
    }
    .notice:empty {
      min-height: 0;
      margin: 0;
    }
    .alert strong {
      display: block;
    }
    dialog {
      border: 1px solid var(--sightline-color-border);
      border-radius: calc(var(--sightline-radius) * 1.5);
      padding: 1.25rem;
      width: min(34rem, calc(100vw - 1.5rem));
      max-height: calc(100vh - 2rem);
      color: var(--sightline-color-text);
      background: var(--sightline-color-surface);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    }
    dialog.wide {
      width: min(52rem, calc(100vw - 1.5rem));
    }
    dialog::backdrop {
      background: rgb(15 23 42 / 0.45);
    }
    dialog h2 {
      margin-block-end: 1rem;
    }
    dialog .actions {
      justify-content: flex-end;
      margin-block-start: 1rem;
    }
    .grid {
      display: grid;
      gap: 0 1rem;
      grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
    }
    fieldset.field {
      border: 1px solid #d0d7de;
      border-radius: var(--sightline-radius);
      padding: 0.5rem 0.75rem 0.75rem;
    }
    .check {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-weight: 400;
    }
    .check input {
      width: auto;
      margin: 0;
      inline-size: 1.1rem;
      block-size: 1.1rem;
    }
    .secret {
      display: flex;
      gap: 0.5rem;
      align-items: stretch;
      flex-wrap: wrap;
    }
    .secret output,
    code.secret-value {
      flex: 1 1 14rem;
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      background: var(--sightline-admin-subtle);
      border: 1px solid #d0d7de;
      border-radius: var(--sightline-radius);
      padding: 0.5rem 0.6rem;
      overflow-wrap: anywhere;
    }
    .empty {
      padding: 1.5rem;
      text-align: center;
      color: var(--sightline-color-muted);
    }
    @media (max-width: 30rem) {
      th,
      td {
        padding: 0.45rem 0.5rem;
      }
      dialog {
        padding: 1rem;
      }
      .hide-narrow {
        display: none;
      }
      td.actions-cell {
        white-space: normal;
      }
      td.actions-cell button {
        margin-block: 0.15rem;
      }
    }
  `,
];
