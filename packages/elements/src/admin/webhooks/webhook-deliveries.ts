import { SightlineAdminWebhookDeliveries } from './webhook-deliveries.component.js';

export { SightlineAdminWebhookDeliveries };

if (!customElements.get('sightline-admin-webhook-deliveries'))
  customElements.define('sightline-admin-webhook-deliveries', SightlineAdminWebhookDeliveries);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-webhook-deliveries': SightlineAdminWebhookDeliveries;
  }
}
