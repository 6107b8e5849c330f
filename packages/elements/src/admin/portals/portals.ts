import { SightlineAdminPortals } from './portals.component.js';

export { SightlineAdminPortals };

if (!customElements.get('sightline-admin-portals'))
  customElements.define('sightline-admin-portals', SightlineAdminPortals);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-portals': SightlineAdminPortals;
  }
}
