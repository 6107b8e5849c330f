import { SightlineAdminDevices } from './devices.component.js';

export { SightlineAdminDevices };

if (!customElements.get('sightline-admin-devices'))
  customElements.define('sightline-admin-devices', SightlineAdminDevices);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-devices': SightlineAdminDevices;
  }
}
