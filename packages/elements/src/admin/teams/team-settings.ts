import { SightlineAdminTeamSettings } from './team-settings.component.js';

export { SightlineAdminTeamSettings };

if (!customElements.get('sightline-admin-team-settings'))
  customElements.define('sightline-admin-team-settings', SightlineAdminTeamSettings);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-team-settings': SightlineAdminTeamSettings;
  }
}
