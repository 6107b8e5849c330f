import { SightlineAdminIntegrationTokens } from './integration-tokens.component.js';

export { SightlineAdminIntegrationTokens };

if (!customElements.get('sightline-admin-integration-tokens'))
  customElements.define('sightline-admin-integration-tokens', SightlineAdminIntegrationTokens);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-admin-integration-tokens': SightlineAdminIntegrationTokens;
  }
}
