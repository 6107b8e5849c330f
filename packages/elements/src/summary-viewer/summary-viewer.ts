import { SightlineSummaryViewer } from './summary-viewer.component.js';

export { SightlineSummaryViewer };

if (!customElements.get('sightline-summary-viewer')) {
  customElements.define('sightline-summary-viewer', SightlineSummaryViewer);
}

declare global {
  interface HTMLElementTagNameMap {
    'sightline-summary-viewer': SightlineSummaryViewer;
  }
}
