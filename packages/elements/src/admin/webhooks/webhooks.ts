import { SightlineAdminWebhooks } from './webhooks.component.js';
import './webhook-deliveries.js';

export { SightlineAdminWebhooks };

if (!customElements.get('sightline-admin-webhooks'))
  customElements.define('sightline-admin-webhooks', SightlineAdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-webhooks': SightlineAdminWebhooks;
  }
}
