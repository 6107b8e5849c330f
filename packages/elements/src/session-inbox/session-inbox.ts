import '../presence/presence.js';
import { SightlineSessionInbox } from './session-inbox.component.js';

export { SightlineSessionInbox };

if (!customElements.get('sightline-session-inbox'))
  customElements.define('sightline-session-inbox', SightlineSessionInbox);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-session-inbox': SightlineSessionInbox;
  }
}
