import { SightlineRatingForm } from './rating-form.component.js';

export { SightlineRatingForm };

if (!customElements.get('sightline-rating-form'))
  customElements.define('sightline-rating-form', SightlineRatingForm);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-rating-form': SightlineRatingForm;
  }
}
