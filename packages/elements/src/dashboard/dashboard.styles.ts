import { css } from 'lit';
import { adminStyles } from '../admin/shared/admin.styles.js';
import { presenceDotStyles } from '../presence/presence-dot.js';

/** The look of the live dashboard: monitors as cards in a grid that folds to one column on a phone. */
export const dashboardStyles = [
  adminStyles,
  presenceDotStyles,
  css`
    :host {
      --sightline-dashboard-card: var(--sightline-theme-surface, #fff);
      --sightline-dashboard-good: var(--sightline-theme-success, #1a7f37);
      --sightline-dashboard-bad: var(--sightline-theme-danger, #cf222e);
    }
    .monitors {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
      gap: 1rem;
      padding: 0;
      margin: 0;
      list-style: none;
    }
    .card {
      background: var(--sightline-dashboard-card);
      border: 1px solid var(--sightline-color-border);
      border-radius: var(--sightline-radius);
      padding: 0.75rem 1rem;
      min-inline-size: 0;
    }
    .card header {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .card h3 {
      margin: 0 0 0.5rem;
    }
    .figure {
      font-size: 2rem;
      font-weight: 600;
      margin: 0.25rem 0;
    }
    .card ul {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .card li {
      padding: 0.3rem 0;
      border-block-start: 1px solid var(--sightline-color-border);
    }
    .muted {
      color: var(--sightline-color-muted, #57606a);
      font-size: 0.85rem;
    }
    .state {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
    .state[data-phase='paused'],
    .state[data-phase='failed'] {
      border: 1px solid var(--sightline-dashboard-bad);
      border-radius: var(--sightline-radius);
      padding: 0.5rem 0.75rem;
    }
    .chart {
      block-size: 10rem;
    }
    .chart.donut {
      block-size: 8rem;
    }
    .ct-bar {
      stroke: var(--sightline-theme-primary, #0b57d0);
      stroke-width: 14px;
    }
    .ct-label {
      font-size: 0.75rem;
      fill: #57606a;
      color: #57606a;
    }
    .ct-grid {
      stroke: #d0d7de;
      stroke-dasharray: 2px;
    }
    .ct-series-a .ct-slice-donut {
      stroke: var(--sightline-dashboard-good);
    }
    .ct-series-b .ct-slice-donut {
      stroke: var(--sightline-dashboard-bad);
    }
    .ct-series-c .ct-slice-donut {
      stroke: #d0d7de;
    }
    fieldset {
      border: 1px solid var(--sightline-color-border);
      border-radius: var(--sightline-radius);
      margin: 0 0 1rem;
    }
  `,
];
