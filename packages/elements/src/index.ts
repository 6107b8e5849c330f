// The element classes and their types. Importing this module registers no tag: import
// `@sightline/elements/define` (or one element's `<name>.js`) for that.
export type { MonitorRequestDetail } from './dashboard/dashboard.component.js';
export { SightlineDashboard } from './dashboard/dashboard.component.js';
export { SightlinePresence } from './presence/presence.component.js';
export { SightlinePresenceBadge } from './presence/presence-badge.component.js';
export { SightlineProvider } from './provider/provider.component.js';
export type { Rating } from './rating/rating-form.component.js';
export { SightlineRatingForm } from './rating/rating-form.component.js';
export type { RecordingsChangeDetail } from './recordings/recording-list.component.js';
export { SightlineRecordingList } from './recordings/recording-list.component.js';
export { SightlineRequestFlow } from './request-flow/request-flow.component.js';
export type { DetailsSection } from './session-details/session-details.component.js';
export { SightlineSessionDetails } from './session-details/session-details.component.js';
export { SightlineSessionInbox } from './session-inbox/session-inbox.component.js';
export { SightlineSessionLog } from './session-inbox/session-log.js';
export { SightlineSessionInvite } from './session-invite/session-invite.component.js';
export { SightlineSessionSearch } from './session-search/session-search.component.js';
export type { CallEventDetail, InviteEventDetail, SightlineEventMap } from './shared/events.js';
export { LocalizeController, supportedLanguage } from './shared/localize.js';
export { ObserveController } from './shared/observe-controller.js';
export { SightlineElement } from './shared/sightline-element.js';
export type { Language, Terms } from './shared/translations.js';
export { languages, loadTerms, termsOf } from './shared/translations.js';
export { SightlineSilentMonitor } from './silent-monitor/silent-monitor.component.js';
export { SightlineSummaries } from './summaries-page/summaries-page.component.js';
export { SightlineSummaryViewer } from './summary-viewer/summary-viewer.component.js';
export { SightlineVideoCall } from './video-call/video-call.component.js';
