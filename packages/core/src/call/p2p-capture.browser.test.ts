import { expect } from '@open-wc/testing';
import { BehaviorSubject } from 'rxjs';
import type { LocalMediaState } from './media-transport.js';
import { createLocalCapture } from './p2p-capture.js';

// Real capture (Chromium's fake camera and microphone); only the moment getUserMedia answers is
// held back, to press Camera while the call is still opening its microphone (VS-9).
function setup(cameraEnabled: boolean) {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const media$ = new BehaviorSubject<LocalMediaState>({ microphoneEnabled: true, cameraEnabled });
  let joined = false;
  const capture = createLocalCapture({
    role: cameraEnabled ? 'customer' : 'staff',
    getUserMedia: async (constraints) => {
      await gate;
      return navigator.mediaDevices.getUserMedia(constraints);
    },
    isPhone: () => false,
    media$,
    joined: () => joined,
    replaceTrack: async () => undefined,
    onTracksChanged: () => undefined,
  });
  return { capture, media$, release, markJoined: () => (joined = true) };
}

describe('local capture while the call opens (VS-9)', () => {
  it('Camera pressed during the join is sent once the call is up, as the button shows', async () => {
    const { capture, media$, release, markJoined } = setup(false);
    const starting = capture.start();
    expect((await capture.setCameraEnabled(true)).ok).to.equal(true);
    expect(media$.value.cameraEnabled).to.equal(true);
    release();
    try {
      expect((await starting).ok).to.equal(true);
      markJoined();
      expect(capture.video?.readyState).to.equal('live');
      expect(capture.audio?.readyState).to.equal('live');
    } finally {
      capture.stop();
    }
  });

  it('Camera turned off during the join leaves no camera running', async () => {
    const { capture, media$, release, markJoined } = setup(true);
    const starting = capture.start();
    await capture.setCameraEnabled(false);
    expect(media$.value.cameraEnabled).to.equal(false);
    release();
    try {
      expect((await starting).ok).to.equal(true);
      markJoined();
      expect(capture.video).to.equal(undefined);
    } finally {
      capture.stop();
    }
  });
});
