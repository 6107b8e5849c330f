import { SightlineAdminApiKeys } from './api-keys.component.js';

export { SightlineAdminApiKeys };

if (!customElements.get('sightline-admin-api-keys'))
  customElements.define('sightline-admin-api-keys', SightlineAdminApiKeys);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-api-keys': SightlineAdminApiKeys;
  }
}
