import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const sessionInviteStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
    }
    h4 {
      margin: 0.75rem 0 0.25rem;
      font-size: 0.95rem;
    }
    [part='link'] p {
      margin: 0.25rem 0;
    }
    input[part~='url'] {
      width: 100%;
      box-sizing: border-box;
      min-height: 44px;
      font: inherit;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-block: 0.5rem;
    }
    .actions a {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      justify-content: space-between;
      padding-block: 0.25rem;
    }
    .note:empty {
      display: none;
    }
  `,
];
