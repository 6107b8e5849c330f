import { css } from 'lit';

export const sessionDetailsStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: grid;
    gap: 1rem;
  }
  h3 {
    margin: 0 0 0.4rem;
    font-size: 1rem;
  }
  h4 {
    margin: 0.5rem 0 0.25rem;
    font-size: 0.95rem;
  }
  [part='screenshots'] ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
  }
  figure {
    margin: 0;
  }
  figure img {
    display: block;
    width: 100%;
    height: auto;
    border: 1px solid var(--sightline-session-details-border, var(--sightline-theme-border, #c4c7c5));
    border-radius: 4px;
  }
  figcaption,
  .meta {
    color: var(--sightline-color-muted, #57606a);
    font-size: 0.85rem;
  }
  .table-scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--sightline-session-details-border, var(--sightline-theme-border, #c4c7c5));
    white-space: nowrap;
  }
  [part='retention'] {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--sightline-theme-warning, #8a5a00);
    background: var(--sightline-session-details-notice-background, #fff8e6);
  }
`;
