import { SightlinePresence } from './presence.component.js';
import { SightlinePresenceBadge } from './presence-badge.component.js';

export { SightlinePresence, SightlinePresenceBadge };

if (!customElements.get('sightline-presence')) customElements.define('sightline-presence', SightlinePresence);
if (!customElements.get('sightline-presence-badge'))
  customElements.define('sightline-presence-badge', SightlinePresenceBadge);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-presence': SightlinePresence;
    'sightline-presence-badge': SightlinePresenceBadge;
  }
}
