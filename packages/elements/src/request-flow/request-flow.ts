import { SightlineRequestFlow } from './request-flow.component.js';

export { SightlineRequestFlow };

if (!customElements.get('sightline-request-flow'))
  customElements.define('sightline-request-flow', SightlineRequestFlow);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-request-flow': SightlineRequestFlow;
  }
}
