import { css } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';

export const ratingFormStyles = [
  sharedStyles,
  css`
    :host {
      --sightline-rating-star-color: var(--sightline-theme-star, #8a5a00);
      margin-block: 1rem 0;
    }
    h3 {
      margin: 0 0 0.5rem;
      font-size: 1rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 0.75rem;
    }
    legend {
      padding: 0;
      margin-bottom: 0.25rem;
    }
    [part='stars'] {
      display: flex;
      gap: 0.15rem;
    }
    /* The radio stays in the tab order and the accessibility tree; its label draws the star. */
    [part='stars'] input {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: 0;
      padding: 0;
      opacity: 0;
      pointer-events: none;
    }
    [part='stars'] label {
      cursor: pointer;
      font-size: 1.9rem;
      line-height: 1;
      padding: 0.1rem 0.15rem;
      border-radius: var(--sightline-radius);
      color: var(--sightline-color-muted);
    }
    [part='stars'] label[data-on] {
      color: var(--sightline-rating-star-color);
    }
    [part='stars'] input:focus-visible + label {
      outline: 3px solid var(--sightline-color-focus);
      outline-offset: 1px;
    }
    textarea {
      min-height: 4rem;
      resize: vertical;
    }
    [part='thanks'] {
      margin: 0;
    }
  `,
];
