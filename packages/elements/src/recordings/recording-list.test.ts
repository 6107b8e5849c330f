import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { uploadRecording } from '@sightline/core/recorder';
import { newDataKey, SegmentSealer, sha256Hex, wrapDataKey } from '@sightline/core/recording';
import type { Sightline } from '../shared/sdk.js';
import { $, customer, DEMO, destroyInstances, find, staff, type } from '../testing/fixtures.js';
import './recording-list.js';
import type { SightlineRecordingList } from './recording-list.component.js';

// A session's recordings and their replay (VS-15, MC-13) in real Chromium against the real server:
// a real WebM (MediaRecorder over a canvas) sealed under the portal's replay key and uploaded with
// tus; the manager opens it with the passphrase in <sightline-recording-list>.

const PASSPHRASE = 'replayed in the session record';
const PORTAL = 'portal_service';
afterEach(() => destroyInstances());

/** One second of real WebM video. */
async function webm(): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const g = canvas.getContext('2d')!;
  const timer = setInterval(() => {
    g.fillStyle = `hsl(${Date.now() % 360} 80% 50%)`;
    g.fillRect(0, 0, 320, 240);
  }, 40);
  const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
  const parts: Blob[] = [];
  recorder.ondataavailable = (e) => parts.push(e.data);
  recorder.start();
  await new Promise((r) => setTimeout(r, 1200));
  await new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
    recorder.stop();
  });
  clearInterval(timer);
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

async function recorded(agent: Sightline, client: Sightline): Promise<string> {
  const { data: session } = await client.sessions.create({
    reason: 'Replay me',
    recordingConsent: 'granted',
  });
  await agent.sessions.refresh();
  expect((await agent.session(session!.id).confirm()).error).to.equal(undefined);
  const call = await client.api.POST('/v1/sessions/{id}/calls', { params: { path: { id: session!.id } } });
  const started = await agent.api.POST('/v1/sessions/{id}/recordings', {
    params: { path: { id: session!.id } },
    body: { callId: call.data!.call.id, mimeType: 'video/webm' },
  });
  const { recording, encryption } = started.data!;
  const plain = await webm();
  const { raw, key } = await newDataKey();
  const sealer = new SegmentSealer(key);
  const sealed = new Blob([...(await sealer.push(plain)), await sealer.finish()]);
  await agent.api.POST('/v1/recordings/{id}/stop', {
    params: { path: { id: recording.id } },
    body: {
      durationMs: 1200,
      bytes: sealed.size,
      sha256: await sha256Hex(plain),
      reason: 'stopped',
      wrappedDataKey: await wrapDataKey(raw, encryption.publicKey!),
    },
  });
  await uploadRecording({
    endpoint: new URL('/v1/recordings/uploads', agent.baseUrl).href,
    recordingId: recording.id,
    file: sealed,
    getToken: () => agent.token,
  });
  await client.api.POST('/v1/sessions/{id}/calls/{callId}/end', {
    params: { path: { id: session!.id, callId: call.data!.call.id } },
  });
  return session!.id;
}

describe('<sightline-recording-list> (VS-15, MC-13)', () => {
  it('lists the recording, refuses a wrong passphrase, plays it with the right one; axe clean', async function () {
    this.timeout(60_000);
    const manager = await staff(DEMO.managerEmail);
    const set = await manager.api.PUT('/v1/portals/{id}/replay-passphrase', {
      params: { path: { id: PORTAL } },
      body: { password: DEMO.password, passphrase: PASSPHRASE },
    });
    expect(set.response.status).to.equal(200);
    try {
      const sessionId = await recorded(await staff(), await customer());
      const el = await fixture<SightlineRecordingList>(
        html`<sightline-recording-list lang="en" session-id=${sessionId} .sightline=${manager}></sightline-recording-list>`,
      );
      (await find<HTMLButtonElement>(el, '[data-action="play"]', 'no Play')).click();
      const input = await find<HTMLInputElement>(el, 'input[name="passphrase"]');
      await waitUntil(() => el.shadowRoot!.activeElement === input, 'focus not on the passphrase');
      await expect(el).to.be.accessible();
      type(input, 'a wrong guess');
      $<HTMLButtonElement>(el, '[data-action="unlock"]')!.click();
      await find(el, '[role="alert"]', 'no message for the wrong passphrase');
      expect($(el, '[role="alert"]')!.textContent).to.include('wrong');
      type(input, PASSPHRASE);
      $<HTMLButtonElement>(el, '[data-action="unlock"]')!.click();
      const video = await find<HTMLVideoElement>(el, 'video[part="player"]', 'not opened');
      await waitUntil(() => video.readyState >= 1 && video.videoWidth === 320, 'does not play', {
        timeout: 10_000,
      });
      expect(el.shadowRoot!.activeElement).to.equal(video);
      await expect(el).to.be.accessible();
    } finally {
      await manager.api.POST('/v1/portals/{id}/replay-passphrase/remove', {
        params: { path: { id: PORTAL } },
        body: { password: DEMO.password },
      });
    }
  });
});
