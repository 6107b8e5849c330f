import { SightlineSessionSearch } from './session-search.component.js';

export { SightlineSessionSearch };

if (!customElements.get('sightline-session-search'))
  customElements.define('sightline-session-search', SightlineSessionSearch);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-session-search': SightlineSessionSearch;
  }
}
