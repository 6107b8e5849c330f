import { SightlineAdminTeams } from './teams.component.js';

export { SightlineAdminTeams };

if (!customElements.get('sightline-admin-teams'))
  customElements.define('sightline-admin-teams', SightlineAdminTeams);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-teams': SightlineAdminTeams;
  }
}
