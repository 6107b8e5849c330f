// Registers the provider and every management element (each guarded, so loading this next to the
// other elements' module is harmless) and re-exports their classes. The management page loads this
// module; it is a bundle of its own, so the widget and console pages never load management code.
import '../provider/provider.js';
import './users/users.js';
import './users/user-import.js';
import './teams/teams.js';
import './teams/team-settings.js';
import './portals/portals.js';
import './devices/devices.js';
import './devices/access-codes.js';
import './api-keys/api-keys.js';
import './integrations/integration-tokens.js';
import './webhooks/webhooks.js';
import './reports/reports.js';
import './reports/saved-reports.js';
import './recordings/recording-export.js';

export { SightlineProvider } from '../provider/provider.component.js';
export * from './index.js';
