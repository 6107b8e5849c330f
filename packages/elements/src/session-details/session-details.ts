import { SightlineSessionDetails } from './session-details.component.js';
// The summary and the chat it shows are elements of their own.
import '../recordings/recording-list.js';
import '../session-inbox/session-log.js';
import '../summary-viewer/summary-viewer.js';

export { SightlineSessionDetails };

if (!customElements.get('sightline-session-details'))
  customElements.define('sightline-session-details', SightlineSessionDetails);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-session-details': SightlineSessionDetails;
  }
}
