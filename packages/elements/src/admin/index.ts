// The management element classes. Importing this module registers no tag: import
// `@sightline/elements/admin` (define.ts) or one element's `<name>.js` for that.
export { SightlineAdminApiKeys } from './api-keys/api-keys.component.js';
export { SightlineAdminAccessCodes } from './devices/access-codes.component.js';
export { SightlineAdminDevices } from './devices/devices.component.js';
export { SightlineAdminIntegrationTokens } from './integrations/integration-tokens.component.js';
export { SightlineAdminPortals } from './portals/portals.component.js';
export { SightlineAdminRecordingExport } from './recordings/recording-export.component.js';
export { SightlineAdminReports } from './reports/reports.component.js';
export { SightlineAdminSavedReports } from './reports/saved-reports.component.js';
export { AdminElement } from './shared/admin-element.js';
export { SightlineAdminTeamSettings } from './teams/team-settings.component.js';
export { SightlineAdminTeams } from './teams/teams.component.js';
export { SightlineAdminUserImport } from './users/user-import.component.js';
export { SightlineAdminUsers } from './users/users.component.js';
export { SightlineAdminWebhookDeliveries } from './webhooks/webhook-deliveries.component.js';
export { SightlineAdminWebhooks } from './webhooks/webhooks.component.js';
