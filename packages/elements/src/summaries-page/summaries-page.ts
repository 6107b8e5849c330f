import { SightlineSummaries } from './summaries-page.component.js';

export { SightlineSummaries };

if (!customElements.get('sightline-summaries'))
  customElements.define('sightline-summaries', SightlineSummaries);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-summaries': SightlineSummaries;
  }
}
