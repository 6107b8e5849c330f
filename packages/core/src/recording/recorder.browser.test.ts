import { expect } from '@open-wc/testing';
import { firstValueFrom } from 'rxjs';
import { destroyDemoSdks, signedIn } from '../testing/demo-sdk';
import { until } from '../testing/media';
import { RecordingChunkStore } from './chunk-store';
import { fromBase64, importDataKey, openRecording, sha256Hex } from './envelope';
import { CallRecorder, type RecorderProgress } from './recorder';

// Recording (VS-10, MC-13, MC-14) in real Chromium (fake camera) against the real reference server:
// a customer and an agent in a P2P call, the agent records, the upload is cut and picked up again
// after a "reload" (new SDK, new recorder, the same IndexedDB), a manager replays it.

const PASSPHRASE = 'recorded in chromium, sealed at rest';
afterEach(destroyDemoSdks);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('recording a call through the reference server (VS-10, MC-13)', () => {
  it('records 10 s, the upload is cut and resumed after a reload, the file opens with the passphrase and plays', async function () {
    this.timeout(180_000);
    const customer = await signedIn('customer');
    const agent = await signedIn('agent');
    const manager = await signedIn('manager');
    const portal = 'portal_service';
    const set = await manager.api.PUT('/v1/portals/{id}/replay-passphrase', {
      params: { path: { id: portal } },
      body: { password: 'demo-password', passphrase: PASSPHRASE },
    });
    expect(set.response.status, JSON.stringify(set.error)).to.equal(200);
    try {
      const { data: requested } = await customer.sessions.create({
        reason: 'Record me',
        recordingConsent: 'granted',
      });
      const id = requested!.id;
      expect((await agent.session(id).confirm()).error).to.equal(undefined);
      const staffCall = agent.call(id);
      const customerCall = customer.call(id);
      const joined = await staffCall.start();
      expect(joined.error).to.equal(undefined);
      expect((await customerCall.start()).error).to.equal(undefined);
      const staffT = (await until(staffCall.transport$, Boolean))!;
      const remote = (await until(
        staffT.remoteStream$,
        (s) => (s?.getVideoTracks().length ?? 0) > 0,
        20_000,
      ))!;
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = remote;
      document.body.append(video);
      await video.play();
      const ink = document.createElement('canvas');
      ink.width = 640;
      ink.height = 480;
      const g = ink.getContext('2d')!;
      g.strokeStyle = '#f0f';
      g.lineWidth = 12;
      g.strokeRect(40, 40, 200, 120);
      const local = await firstValueFrom(staffT.localStream$);

      const store = new RecordingChunkStore();
      let cut = false;
      const recorder = new CallRecorder({
        api: agent.api,
        baseUrl: agent.baseUrl,
        getToken: () => agent.token,
        store,
        timesliceMs: 500,
        uploadChunkBytes: 256 * 1024,
        // The page that reloads: its locks go with it (a lock held here would outlive the "reload").
        locks: null,
        onUpload(upload) {
          // The connection drops after the first part is through.
          const sub = recorder.progress$.subscribe((p: RecorderProgress) => {
            if (!cut && p.state === 'uploading' && p.uploaded > 0) {
              cut = true;
              void upload.abort();
              sub.unsubscribe();
            }
          });
        },
      });
      const started = await recorder.start({
        sessionId: id,
        callId: joined.data!.callId,
        sources: {
          video,
          overlays: () => [ink],
          audio: () => [local, remote].filter((s): s is MediaStream => !!s),
        },
      });
      expect(started.error, JSON.stringify(started.error)).to.equal(undefined);
      const recordingId = started.data!.id;
      await sleep(10_000);
      expect(recorder.progress.bytes).to.be.greaterThan(100_000);
      void recorder.stop();
      for (let waited = 0; !cut; waited += 100) {
        if (recorder.progress.state === 'failed')
          throw new Error(`recording failed: ${recorder.progress.problem}`);
        if (waited > 30_000) throw new Error('the upload was never cut');
        await sleep(100);
      }
      const partial = await agent.api.GET('/v1/recordings/{id}', { params: { path: { id: recordingId } } });
      expect(partial.data!.status).to.equal('stopped');
      const sha256 = partial.data!.sha256!;
      store.close();

      // "Reload": a new SDK and recorder over the same IndexedDB pick the upload up where it stopped.
      const again = await signedIn('agent');
      const resumedFrom: number[] = [];
      const after = new CallRecorder({ api: again.api, baseUrl: again.baseUrl, getToken: () => again.token });
      const sub = after.progress$.subscribe((p) => {
        if (p.state === 'uploading' && resumedFrom.length === 0 && p.uploaded > 0)
          resumedFrom.push(p.uploaded);
      });
      expect(await after.resumePending()).to.equal(1);
      sub.unsubscribe();
      expect(after.progress.state).to.equal('uploaded');
      expect(resumedFrom[0]).to.be.greaterThan(0);
      const done = await agent.api.GET('/v1/recordings/{id}', { params: { path: { id: recordingId } } });
      expect(done.data).to.include({ status: 'available', protected: true, sha256 });
      expect(await new RecordingChunkStore().all()).to.deep.equal([]);

      const wrong = await manager.api.POST('/v1/recordings/{id}/replay', {
        params: { path: { id: recordingId } },
        body: { passphrase: 'not it' },
      });
      expect(wrong.response.status).to.equal(403);
      const grant = await manager.api.POST('/v1/recordings/{id}/replay', {
        params: { path: { id: recordingId } },
        body: { passphrase: PASSPHRASE },
      });
      expect(grant.response.status).to.equal(200);
      const content = await fetch(new URL(grant.data!.contentUrl, manager.baseUrl), {
        headers: { authorization: `Bearer ${manager.token}` },
      });
      const sealed = new Uint8Array(await content.arrayBuffer());
      const plain = await openRecording(await importDataKey(fromBase64(grant.data!.dataKey)), sealed);
      expect(await sha256Hex(plain)).to.equal(sha256);

      const player = document.createElement('video');
      player.muted = true;
      player.src = URL.createObjectURL(new Blob([plain], { type: 'video/webm' }));
      document.body.append(player);
      await player.play();
      await new Promise<void>((resolve) => {
        const check = () => (player.currentTime > 1 ? resolve() : setTimeout(check, 100));
        check();
      });
      expect(player.videoWidth).to.be.greaterThan(0);
      // The AR layer is in the picture: the magenta frame drawn over the customer's video.
      const frame = document.createElement('canvas');
      frame.width = player.videoWidth;
      frame.height = player.videoHeight;
      const f = frame.getContext('2d', { willReadFrequently: true })!;
      f.drawImage(player, 0, 0);
      const sx = player.videoWidth / ink.width;
      const sy = player.videoHeight / ink.height;
      const [r, gr, b] = f.getImageData(Math.round(40 * sx), Math.round(100 * sy), 1, 1).data;
      expect(r! > 150 && b! > 150 && gr! < 110, `pixel ${r},${gr},${b}`).to.equal(true);
      // And the mixed audio track was recorded and decodes.
      const decoded = (player as HTMLVideoElement & { webkitAudioDecodedByteCount?: number })
        .webkitAudioDecodedByteCount;
      expect(decoded ?? 1).to.be.greaterThan(0);
      player.remove();
      video.remove();
    } finally {
      await manager.api.POST('/v1/portals/{id}/replay-passphrase/remove', {
        params: { path: { id: portal } },
        body: { password: 'demo-password' },
      });
    }
  });

  it('a recording cut off by a crash is closed after the reload (left alone while another tab holds it, picked up once): what reached IndexedDB is reported, uploaded and opens', async function () {
    this.timeout(120_000);
    const customer = await signedIn('customer');
    const agent = await signedIn('agent');
    const { data: requested } = await customer.sessions.create({
      reason: 'Crash me',
      recordingConsent: 'granted',
    });
    const id = requested!.id;
    expect((await agent.session(id).confirm()).error).to.equal(undefined);
    const staffCall = agent.call(id);
    const joined = await staffCall.start();
    expect((await customer.call(id).start()).error).to.equal(undefined);
    const staffT = (await until(staffCall.transport$, Boolean))!;
    const remote = (await until(staffT.remoteStream$, (s) => (s?.getVideoTracks().length ?? 0) > 0, 20_000))!;
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = remote;
    document.body.append(video);
    await video.play();
    // The tab that dies: from the crash on, nothing it does reaches IndexedDB.
    class DyingStore extends RecordingChunkStore {
      dead = false;
      override append(id: string, index: number, bytes: Uint8Array) {
        return this.dead ? Promise.reject(new Error('the tab is gone')) : super.append(id, index, bytes);
      }
      override put(recording: Parameters<RecordingChunkStore['put']>[0]) {
        return this.dead ? Promise.reject(new Error('the tab is gone')) : super.put(recording);
      }
    }
    const dying = new DyingStore();
    const crashed = new CallRecorder({
      api: agent.api,
      baseUrl: agent.baseUrl,
      getToken: () => agent.token,
      timesliceMs: 250,
      store: dying,
      // The dead tab's locks went with it.
      locks: null,
    });
    const started = await crashed.start({
      sessionId: id,
      callId: joined.data!.callId,
      sources: { video, overlays: () => [], audio: () => [remote] },
    });
    const recordingId = started.data!.id;
    // Runs until at least one segment is in IndexedDB, then the tab "dies": nothing is stopped.
    await until(crashed.progress$, (p) => p.bytes > 0, 30_000, 'a sealed segment');
    dying.dead = true;
    const written = crashed.progress.bytes;

    const after = new CallRecorder({ api: agent.api, baseUrl: agent.baseUrl, getToken: () => agent.token });
    // While another open tab holds the recording (it may still be recording), it is left alone.
    let release = () => {};
    const held = new Promise<void>((granted) => {
      void navigator.locks.request(`sightline-recording:${recordingId}`, () => {
        granted();
        return new Promise<void>((r) => (release = r));
      });
    });
    await held;
    expect(await after.resumePending()).to.equal(0);
    expect((await new RecordingChunkStore().get(recordingId))?.state).to.equal('recording');
    release();
    // Once free, two pickers at once (the inbox and the call of one page) upload it once.
    const both = await Promise.all([after.resumePending(), after.resumePending()]);
    expect(both[0] + both[1]).to.equal(1);
    expect(after.progress.state).to.equal('uploaded');
    const done = await agent.api.GET('/v1/recordings/{id}', { params: { path: { id: recordingId } } });
    expect(done.data).to.include({ status: 'available', stopReason: 'recovered' });
    expect(done.data!.bytes).to.be.at.least(written);
    const grant = await agent.api.POST('/v1/recordings/{id}/replay', {
      params: { path: { id: recordingId } },
      body: {},
    });
    const content = await fetch(new URL(grant.data!.contentUrl, agent.baseUrl), {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    const plain = await openRecording(
      await importDataKey(fromBase64(grant.data!.dataKey)),
      new Uint8Array(await content.arrayBuffer()),
    );
    expect(await sha256Hex(plain)).to.equal(done.data!.sha256);
    // What was recorded up to the crash is a WebM that starts like one (EBML header).
    expect(Array.from(plain.subarray(0, 4))).to.deep.equal([0x1a, 0x45, 0xdf, 0xa3]);
    await crashed.stop().catch(() => undefined);
    video.remove();
  });
});
