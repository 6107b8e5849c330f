import { audioConstraints, looksLikePhone, videoConstraints } from '../call/local-media';
import type { CallRole } from '../call/media-transport';

/**
 * Opens this side's microphone, and a customer's camera, while the server is asked to start the
 * call (issue 13). The transport's own capture begins only once the server has answered; it then
 * finds the devices open (a browser opens a device once for all of a page's captures of it), so
 * the 0.1–1 s a camera takes to start runs alongside the request instead of after it. The
 * constraints are the transport's, so a phone opens the rear camera the call will use. Staff's
 * camera stays closed: it is off until they turn it on (VS-9). Returns what stops this capture's
 * tracks, called once the join has ended; a refusal is left for the transport's capture to report.
 * @example
 * const release = openEarly('customer');
 * try { await join(); } finally { release(); }
 */
export function openEarly(role: CallRole): () => void {
  const devices = globalThis.navigator?.mediaDevices;
  const opening = devices
    ?.getUserMedia({
      audio: audioConstraints(),
      video: role === 'customer' && videoConstraints({ role, isPhone: looksLikePhone(navigator) }),
    })
    .catch(() => undefined);
  return () => {
    void opening?.then((stream) => {
      for (const track of stream?.getTracks() ?? []) track.stop();
    });
  };
}
