// The AR layer's element comes with the call's, so that its toolbar is there from the call's first
// frame: loaded once the call was live, it appeared 50–100 ms later above the call's buttons and
// pushed them down while people reached for the camera (issue 13).
import './ar/ar-layer.js';
import { SightlineVideoCall } from './video-call.component.js';

export { SightlineVideoCall };

if (!customElements.get('sightline-video-call'))
  customElements.define('sightline-video-call', SightlineVideoCall);

declare global {
  interface HTMLElementTagNameMap {
    'sightline-video-call': SightlineVideoCall;
  }
}
