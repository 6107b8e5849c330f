import { SightlineAdminAccessCodes } from './access-codes.component.js';

export { SightlineAdminAccessCodes };

if (!customElements.get('sightline-admin-access-codes'))
  customElements.define('sightline-admin-access-codes', SightlineAdminAccessCodes);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-access-codes': SightlineAdminAccessCodes;
  }
}
