import { SightlineProvider } from './provider.component.js';

export { SightlineProvider };

if (!customElements.get('sightline-provider')) customElements.define('sightline-provider', SightlineProvider);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-provider': SightlineProvider;
  }
}
