import { SightlineAdminUsers } from './users.component.js';

export { SightlineAdminUsers };

if (!customElements.get('sightline-admin-users'))
  customElements.define('sightline-admin-users', SightlineAdminUsers);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-users': SightlineAdminUsers;
  }
}
