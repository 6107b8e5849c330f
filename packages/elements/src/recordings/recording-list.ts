import { SightlineRecordingList } from './recording-list.component.js';

export { SightlineRecordingList };

if (!customElements.get('sightline-recording-list'))
  customElements.define('sightline-recording-list', SightlineRecordingList);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-recording-list': SightlineRecordingList;
  }
}
