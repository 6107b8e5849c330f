import { css } from 'lit';

/**
 * The look every element shares. Each `--sightline-*` custom property falls back to a theme token of
 * the page (`--sightline-theme-*`), so one set of theme tokens on a page styles every element.
 */
export const sharedStyles = css`
  :host {
    --sightline-font: var(--sightline-theme-font, system-ui, sans-serif);
    --sightline-color-text: var(--sightline-theme-text, #1b1f24);
    --sightline-color-muted: var(--sightline-theme-muted, #57606a);
    --sightline-color-surface: var(--sightline-theme-surface, #ffffff);
    --sightline-color-border: var(--sightline-theme-border, #8c959f);
    --sightline-color-primary: var(--sightline-theme-primary, #0b57d0);
    --sightline-color-on-primary: var(--sightline-theme-on-primary, #ffffff);
    --sightline-color-danger: var(--sightline-theme-danger, #b3261e);
    --sightline-color-focus: var(--sightline-theme-focus, #0b57d0);
    --sightline-radius: var(--sightline-theme-radius, 0.5rem);
    display: block;
    font-family: var(--sightline-font);
    color: var(--sightline-color-text);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--sightline-color-primary);
    border-radius: var(--sightline-radius);
    background: var(--sightline-color-surface);
    color: var(--sightline-color-primary);
    padding: 0.45rem 0.9rem;
    min-height: 2.5rem;
  }
  button.primary {
    background: var(--sightline-color-primary);
    color: var(--sightline-color-on-primary);
  }
  button.danger {
    border-color: var(--sightline-color-danger);
    color: var(--sightline-color-danger);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  input,
  select,
  textarea {
    border: 1px solid var(--sightline-color-border);
    border-radius: var(--sightline-radius);
    background: var(--sightline-color-surface);
    padding: 0.45rem 0.6rem;
    width: 100%;
  }
  :is(button, input, select, textarea, a, [tabindex]):focus-visible {
    outline: 3px solid var(--sightline-color-focus);
    outline-offset: 2px;
  }
  [aria-invalid='true'] {
    border-color: var(--sightline-color-danger);
  }
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block: 0 1rem;
    border: 0;
    padding: 0;
  }
  label,
  legend {
    font-weight: 600;
  }
  .hint {
    color: var(--sightline-color-muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--sightline-color-danger);
    font-size: 0.875em;
    margin: 0;
  }
  .alert {
    border: 1px solid var(--sightline-color-danger);
    border-radius: var(--sightline-radius);
    color: var(--sightline-color-danger);
    padding: 0.6rem 0.8rem;
    margin-block: 0 1rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
