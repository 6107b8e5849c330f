import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { ReactiveController, ReactiveElement } from 'lit';
import { BehaviorSubject, NEVER } from 'rxjs';
import type { MediaTransport } from '../shared/sdk.js';
import { CallMedia } from './call-media.js';

/** A host for the controller alone: it connects its controllers and counts update requests. */
function testHost() {
  const controllers: ReactiveController[] = [];
  const host = {
    updates: 0,
    addController: (c: ReactiveController) => controllers.push(c),
    removeController: () => undefined,
    requestUpdate() {
      host.updates += 1;
    },
  };
  return {
    host: host as unknown as ReactiveElement,
    connect: () => {
      for (const c of controllers) c.hostConnected?.();
    },
  };
}

/** A stream of one real audio track (Web Audio), like the first track of the other side's media. */
function audioStream(context: AudioContext): MediaStream {
  const destination = context.createMediaStreamDestination();
  const oscillator = context.createOscillator();
  oscillator.connect(destination);
  oscillator.start();
  return destination.stream;
}

/** The other side's stream as a transport shows it: replaced by a new one as each track arrives. */
function transportWith(remote: BehaviorSubject<MediaStream | null>): MediaTransport {
  return {
    connectionState$: new BehaviorSubject('connecting'),
    localStream$: new BehaviorSubject(null),
    remoteStream$: remote,
    localMedia$: new BehaviorSubject({ microphoneEnabled: true, cameraEnabled: false }),
    messages$: NEVER,
    errors$: NEVER,
  } as unknown as MediaTransport;
}

/** Every value `media.soundBlocked` is set to from now on. */
function blockedValues(media: CallMedia): boolean[] {
  const values: boolean[] = [];
  let current = media.soundBlocked;
  Object.defineProperty(media, 'soundBlocked', {
    get: () => current,
    set: (value: boolean) => {
      current = value;
      values.push(value);
    },
  });
  return values;
}

describe('CallMedia: the other side’s sound (VS-9)', () => {
  it('does not take a play() cut short by the next stream for blocked sound: no Enable sound button flashes', async () => {
    // A real click first, as a person's Start: the browser then lets the page play sound.
    await sendMouse({ type: 'click', position: [1, 1] });
    const context = new AudioContext();
    const { host, connect } = testHost();
    const media = new CallMedia(host, { onConnection: () => undefined, onFailure: () => undefined });
    connect();
    const remote = new BehaviorSubject<MediaStream | null>(audioStream(context));
    media.follow(transportWith(remote));
    const values = blockedValues(media);
    const audio = document.createElement('audio');
    document.body.append(audio);
    try {
      // The first stream starts playing; the second replaces it before that play() has settled.
      media.syncAudio(audio);
      const first = audio.srcObject;
      remote.next(audioStream(context));
      media.syncAudio(audio);
      expect(audio.srcObject).to.not.equal(first);
      await waitUntil(() => !audio.paused || values.length > 0, 'the second stream never played or failed');
      await new Promise((r) => setTimeout(r, 100));
      expect(values).to.not.include(true);
      expect(media.soundBlocked).to.equal(false);
    } finally {
      audio.remove();
      await context.close();
    }
  });

  it('shows the button when sound is refused without a gesture (play() stubbed to refuse: NotAllowedError), hides it once sound plays', async () => {
    const { host, connect } = testHost();
    const media = new CallMedia(host, { onConnection: () => undefined, onFailure: () => undefined });
    connect();
    const context = new AudioContext();
    const remote = new BehaviorSubject<MediaStream | null>(audioStream(context));
    media.follow(transportWith(remote));
    // The browser's autoplay policy is outside this code: this element's play() answers as a
    // browser that refuses sound without a gesture does.
    const audio = document.createElement('audio');
    audio.play = () => Promise.reject(new DOMException('play() failed without a gesture', 'NotAllowedError'));
    try {
      media.syncAudio(audio);
      await waitUntil(() => media.soundBlocked, 'refused sound did not show the button');
      audio.play = () => Promise.resolve();
      media.playSound(audio);
      await waitUntil(() => !media.soundBlocked, 'the button stayed after the sound played');
    } finally {
      await context.close();
    }
  });
});

describe('CallMedia: the videos (VS-9)', () => {
  it('shows each stream in its video and leaves a video playing the same stream alone: no reload, no black frame', async () => {
    const { host, connect } = testHost();
    const media = new CallMedia(host, { onConnection: () => undefined, onFailure: () => undefined });
    connect();
    const camera = await navigator.mediaDevices.getUserMedia({ video: true });
    const remote = new BehaviorSubject<MediaStream | null>(camera);
    media.follow(transportWith(remote));
    const root = document.createElement('div');
    root.innerHTML = '<video part="remote-video" muted autoplay></video><video part="local-video"></video>';
    document.body.append(root);
    const video = root.querySelector<HTMLVideoElement>('[part=remote-video]')!;
    try {
      media.sync(root);
      expect(video.srcObject).to.equal(camera);
      await waitUntil(() => video.readyState >= 2, 'the remote video never loaded');
      // Rendered again with the same stream (markers make the call re-render often).
      let reloads = 0;
      video.addEventListener('emptied', () => reloads++);
      video.addEventListener('loadstart', () => reloads++);
      media.sync(root);
      media.sync(root);
      await new Promise((r) => setTimeout(r, 100));
      expect(reloads).to.equal(0);
      expect(video.readyState).to.be.at.least(2);
      // A new stream replaces the old one; none leaves the video empty.
      remote.next(null);
      media.sync(root);
      expect(video.srcObject).to.equal(null);
      expect(root.querySelector<HTMLVideoElement>('[part=local-video]')!.srcObject).to.equal(null);
    } finally {
      for (const t of camera.getTracks()) t.stop();
      root.remove();
    }
  });
});
