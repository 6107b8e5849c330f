import { SightlineAdminSavedReports } from './saved-reports.component.js';

export { SightlineAdminSavedReports };

if (!customElements.get('sightline-admin-saved-reports'))
  customElements.define('sightline-admin-saved-reports', SightlineAdminSavedReports);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-saved-reports': SightlineAdminSavedReports;
  }
}
