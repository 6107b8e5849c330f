import { css } from 'lit';

export const summaryViewerStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
    /* Long links (linked tickets) wrap instead of widening a narrow panel. */
    overflow-wrap: anywhere;
    --_accent: var(--sightline-accent, #0b57d0);
    --_radius: var(--sightline-radius, 0.5rem);
  }
  [part='summary'] header {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    flex-wrap: wrap;
  }
  h3 {
    margin: 0;
    font-size: 1.1rem;
  }
  h4 {
    margin: 0.9rem 0 0.25rem;
    font-size: 0.95rem;
  }
  p,
  ol,
  ul {
    margin: 0.25rem 0;
  }
  .chip {
    border: 1px solid var(--_accent);
    color: var(--_accent);
    border-radius: 999px;
    padding: 0 0.55rem;
    font-size: 0.85rem;
  }
  .meta {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.15rem 0.75rem;
    margin: 0.5rem 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .context {
    color: #57606a;
    font-size: 0.9rem;
  }
  .byline {
    color: #57606a;
    font-size: 0.85rem;
    margin-top: 0.75rem;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
    margin-top: 0.75rem;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.35rem 0.6rem;
    border-radius: var(--_radius);
    border: 1px solid #8c959f;
  }
  button {
    background: #fff;
    color: var(--_accent);
    border-color: var(--_accent);
    cursor: pointer;
  }
  button[type='submit'] {
    background: var(--_accent);
    color: #fff;
  }
  button.danger {
    background: #b3261e;
    border-color: #b3261e;
    color: #fff;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  form {
    display: grid;
    gap: 0.6rem;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
  }
  small {
    font-weight: 400;
    color: #57606a;
  }
  [role='alert'] {
    color: #b3261e;
  }
  [part='status'] {
    color: #57606a;
  }
`;
