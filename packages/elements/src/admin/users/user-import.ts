import { SightlineAdminUserImport } from './user-import.component.js';

export { SightlineAdminUserImport };

if (!customElements.get('sightline-admin-user-import'))
  customElements.define('sightline-admin-user-import', SightlineAdminUserImport);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-user-import': SightlineAdminUserImport;
  }
}
