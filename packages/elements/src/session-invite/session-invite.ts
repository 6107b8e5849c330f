import { SightlineSessionInvite } from './session-invite.component.js';

export { SightlineSessionInvite };

if (!customElements.get('sightline-session-invite'))
  customElements.define('sightline-session-invite', SightlineSessionInvite);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-session-invite': SightlineSessionInvite;
  }
}
