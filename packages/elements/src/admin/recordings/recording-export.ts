import { SightlineAdminRecordingExport } from './recording-export.component.js';

export { SightlineAdminRecordingExport };

if (!customElements.get('sightline-admin-recording-export'))
  customElements.define('sightline-admin-recording-export', SightlineAdminRecordingExport);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-recording-export': SightlineAdminRecordingExport;
  }
}
