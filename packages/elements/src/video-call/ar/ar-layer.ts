import { SightlineArLayer } from './ar-layer.component.js';

export { SightlineArLayer };

if (!customElements.get('sightline-ar-layer')) customElements.define('sightline-ar-layer', SightlineArLayer);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-ar-layer': SightlineArLayer;
  }
}
