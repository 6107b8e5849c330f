import { SightlineAdminReports } from './reports.component.js';

export { SightlineAdminReports };

if (!customElements.get('sightline-admin-reports'))
  customElements.define('sightline-admin-reports', SightlineAdminReports);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-reports': SightlineAdminReports;
  }
}
