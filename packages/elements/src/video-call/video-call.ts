import { SightlineVideoCall } from './video-call.component.js';

export { SightlineVideoCall };

if (!customElements.get('sightline-video-call'))
  customElements.define('sightline-video-call', SightlineVideoCall);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-video-call': SightlineVideoCall;
  }
}
