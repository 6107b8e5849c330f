// Registers every Sightline tag (each guarded, so loading this twice, or next to a single element's
// module, is harmless) and re-exports the classes. This is the module the example pages load.
import './dashboard/dashboard.js';
import './presence/presence.js';
import './silent-monitor/silent-monitor.js';
import './provider/provider.js';
import './request-flow/request-flow.js';
import './recordings/recording-list.js';
import './session-details/session-details.js';
import './session-inbox/session-inbox.js';
import './session-invite/session-invite.js';
import './session-search/session-search.js';
import './summaries-page/summaries-page.js';
import './summary-viewer/summary-viewer.js';
import './video-call/video-call.js';

export * from './index.js';
