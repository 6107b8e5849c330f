// End to end, as people record a call (VS-10, VS-15, MC-12…14): the customer widget page and the staff
// console page of the demo in two Chromium contexts with the fake camera, against the real reference
// server in its own process. The customer consents in the request flow; staff record 10 s; the
// console's upload is slowed (Chromium's network throttling), cut by a real page reload, and picked up
// from the server's offset once staff sign in again; the stored file opens with the replay passphrase
// to the recorder's SHA-256 and plays in the console's session details; `recording.available` reaches
// a real HTTP receiver, signed. A second server with a small size limit checks that the recorder
// stops itself there, and a local-only portal's recording is saved on the staff machine.
import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, importDataKey, openRecording } from '../../packages/core/src/recording/index.js';
import { type Receiver, startReceiver } from '../../packages/server/src/webhooks/testing/receiver.js';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';
import { confirmRequest, openPage, remoteFramesAdvance, signInStaff, startCall } from './support/pages.js';
import { declareStage } from './support/stage.js';
import { until } from './support/until.js';

const PASSPHRASE = 'sealed at rest, opened on replay';
const call = 'sightline-video-call';

type Api = (method: string, path: string, body?: unknown) => Promise<Response>;

async function apiFor(base: string, email: string): Promise<Api> {
  const login = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  const { token } = (await login.json()) as { token: string };
  return (method, path, body) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

interface WireRecording {
  id: string;
  status: string;
  storage: string;
  bytes: number | null;
  durationMs: number | null;
  sha256: string | null;
  stopReason: string | null;
  protected: boolean;
}

/** Replays a recording through the API and returns the SHA-256 of what opens. */
async function openedSha256(api: Api, id: string, passphrase?: string): Promise<string> {
  const answer = await api('POST', `/v1/recordings/${id}/replay`, passphrase ? { passphrase } : {});
  expect(answer.status).toBe(200);
  const grant = (await answer.json()) as { dataKey: string; contentUrl: string };
  const sealed = new Uint8Array(await (await api('GET', grant.contentUrl)).arrayBuffer());
  const plain = await openRecording(await importDataKey(fromBase64(grant.dataKey)), sealed);
  return createHash('sha256').update(plain).digest('hex');
}

/** The customer requests with recording consent, staff confirm, both are in the call with video. */
async function inCall(
  contexts: { customer: BrowserContext; agent: BrowserContext },
  base: string,
  reason: string,
): Promise<{ customer: Page; agent: Page }> {
  const { page: customer } = await openPage(contexts.customer, `${base}/examples/widget/`);
  const { page: agent } = await openPage(contexts.agent, `${base}/examples/console/`);
  await signInStaff(agent);
  await customer.locator('sightline-request-flow #reason').fill(reason);
  await customer.locator('sightline-request-flow input[name="consent"][value="granted"]').check();
  await customer.locator('sightline-request-flow [part="submit"]').click();
  await customer.locator('sightline-request-flow [data-status="requested"]').waitFor();
  await confirmRequest(agent, customer, reason, { appearWithinMs: 10_000 });
  await startCall.agent(agent);
  await startCall.customer(customer);
  await agent.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
  expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);
  return { customer, agent };
}

/** The session's recordings as staff see them through the API. */
async function recordingsOf(api: Api, reason: string): Promise<WireRecording[]> {
  const sessions = (await (await api('GET', `/v1/sessions?limit=50`)).json()) as {
    items: { id: string; reason: string | null }[];
  };
  const session = sessions.items.find((s) => s.reason === reason);
  if (!session) return [];
  const list = (await (await api('GET', `/v1/recordings?sessionId=${session.id}`)).json()) as {
    items: WireRecording[];
  };
  return list.items;
}

// Webhooks to the receiver on loopback are allowed (the server refuses private targets otherwise).
const stage = declareStage({ SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '1' });

describe('recording a call end to end (VS-10, VS-15, MC-13)', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('customer consents, staff record 10 s, a reload cuts the upload, it resumes from its offset, opens to its SHA-256 with the passphrase, plays and seeks, and the signed webhook arrives', async () => {
    const base = stage.server.url;
    const manager = await apiFor(base, 'manager@demo.test');
    const agentApi = await apiFor(base, 'agent@demo.test');
    expect(
      (
        await manager('PUT', '/v1/portals/portal_service/replay-passphrase', {
          password: 'demo-password',
          passphrase: PASSPHRASE,
        })
      ).status,
    ).toBe(200);
    const hook = await manager('POST', '/v1/webhooks', {
      url: receiver.url,
      events: ['recording.available'],
    });
    expect(hook.status).toBe(201);
    const { secret } = (await hook.json()) as { secret: string };

    const customerContext = await stage.browser.newContext();
    const agentContext = await stage.browser.newContext();
    try {
      const reason = `Record the valve ${Date.now()}`;
      const { customer, agent } = await inCall(
        { customer: customerContext, agent: agentContext },
        base,
        reason,
      );

      // Staff record; both sides show it (VS-10).
      const record = agent.locator(`${call} [data-action="record"]`);
      await expect.poll(() => record.isEnabled(), { timeout: 10_000 }).toBe(true);
      await record.click();
      await agent.locator(`${call} [data-action="record"][aria-pressed="true"]`).waitFor({ timeout: 10_000 });
      await customer.locator(`${call} [part="recording"]`).waitFor({ timeout: 10_000 });
      await agent.waitForTimeout(10_000);

      // The upload crawls (about 64 KiB/s up), then the page reloads in the middle of it.
      const cdp = await agentContext.newCDPSession(agent);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 64 * 1024,
      });
      await record.click();
      await customer.locator(`${call} [part="recording"]`).waitFor({ state: 'detached', timeout: 10_000 });
      const progress = agent.locator(`${call} [part="recording-upload"]`);
      await until('a part of the upload', async () =>
        Number((await progress.getAttribute('value').catch(() => null)) ?? 0) > 0 ? true : undefined,
      );
      const [before] = await recordingsOf(agentApi, reason);
      expect(before).toMatchObject({ status: 'stopped', storage: 'server', protected: true });
      const offsets: number[] = [];
      agent.on('response', (res) => {
        if (res.request().method() === 'HEAD' && res.url().includes('/v1/recordings/uploads/'))
          offsets.push(Number(res.headers()['upload-offset']));
      });
      await agent.reload();
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });

      // Staff sign in again: the upload goes on from what the server holds.
      await signInStaff(agent);
      const done = await until(
        'the recording uploaded',
        async () => {
          const [r] = await recordingsOf(agentApi, reason);
          return r?.status === 'available' ? r : undefined;
        },
        60_000,
      );
      expect(offsets.length).toBeGreaterThan(0);
      expect(offsets[0]).toBeGreaterThan(0);
      expect(offsets[0]).toBeLessThan(done.bytes ?? 0);
      expect(done).toMatchObject({ id: before!.id, sha256: before!.sha256, stopReason: 'stopped' });

      // The signed webhook reached the receiver (Standard Webhooks).
      const [delivery] = await receiver.waitFor(1, 30_000);
      const event = new Webhook(secret).verify(
        delivery!.body,
        delivery!.headers as Record<string, string>,
      ) as {
        type: string;
        data: { recordingId: string };
      };
      expect(event).toMatchObject({ type: 'recording.available', data: { recordingId: done.id } });

      // Only the passphrase opens it; the plaintext hashes to what the recorder reported.
      const wrong = await manager('POST', `/v1/recordings/${done.id}/replay`, { passphrase: 'not it' });
      expect(wrong.status).toBe(403);
      expect(await openedSha256(manager, done.id, PASSPHRASE)).toBe(done.sha256);

      // The customer hangs up; in the console's session details it plays with the passphrase.
      await customer.locator(`${call} [data-action="end"]`).click();
      await agent.locator('sightline-session-inbox [part="item"]', { hasText: reason }).click();
      const list = agent.locator('sightline-session-inbox sightline-recording-list');
      await list.locator('[data-action="play"]').click({ timeout: 20_000 });
      await list.locator('input[name="passphrase"]').fill(PASSPHRASE);
      await list.locator('[data-action="unlock"]').click();
      const player = list.locator('video[part="player"]');
      await player.waitFor({ timeout: 20_000 });
      const presented = await player.evaluate(
        (video: HTMLVideoElement) =>
          new Promise<number>((resolve, reject) => {
            video.muted = true;
            const timer = setTimeout(() => reject(new Error('the recording did not play')), 20_000);
            let first: number | undefined;
            const tick = (_: number, meta: VideoFrameCallbackMetadata) => {
              first ??= meta.presentedFrames;
              if (meta.presentedFrames - first >= 5) {
                clearTimeout(timer);
                resolve(meta.presentedFrames - first);
              } else video.requestVideoFrameCallback(tick);
            };
            video.requestVideoFrameCallback(tick);
            void video.play();
          }),
      );
      expect(presented).toBeGreaterThanOrEqual(5);
      // The player knows the length and seeks to the middle.
      const timeline = await player.evaluate(
        (video: HTMLVideoElement) =>
          new Promise<{ duration: number; at: number }>((resolve, reject) => {
            const duration = video.duration;
            const timer = setTimeout(() => reject(new Error(`no seek (duration ${duration})`)), 10_000);
            video.addEventListener(
              'seeked',
              () => {
                clearTimeout(timer);
                resolve({ duration, at: video.currentTime });
              },
              { once: true },
            );
            video.currentTime = duration / 2;
          }),
      );
      expect(Math.abs(timeline.duration - (done.durationMs ?? 0) / 1000)).toBeLessThan(1);
      expect(timeline.at).toBeGreaterThan(timeline.duration * 0.4);
    } finally {
      await customerContext.close();
      await agentContext.close();
    }
  }, 240_000);
});

describe('recording at the size limit and on a local-only portal (MC-12, MC-14)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SIGHTLINE_RECORDING_MAX_BYTES: String(1_500_000) });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('the recorder stops itself below the limit with a message, and the upload is whole', async () => {
    const agentApi = await apiFor(server.url, 'agent@demo.test');
    const customerContext = await stage.browser.newContext();
    const agentContext = await stage.browser.newContext();
    try {
      const reason = `Record until full ${Date.now()}`;
      const { agent } = await inCall({ customer: customerContext, agent: agentContext }, server.url, reason);
      const record = agent.locator(`${call} [data-action="record"]`);
      await expect.poll(() => record.isEnabled(), { timeout: 10_000 }).toBe(true);
      await record.click();
      // Nobody stops it: the limit does.
      await agent
        .locator(`${call} .recording-status`, { hasText: 'size limit' })
        .waitFor({ timeout: 60_000 });
      const done = await until(
        'the recording uploaded',
        async () => {
          const [r] = await recordingsOf(agentApi, reason);
          return r?.status === 'available' ? r : undefined;
        },
        60_000,
      );
      expect(done.stopReason).toBe('size-limit');
      expect(await openedSha256(agentApi, done.id)).toBe(done.sha256);
      expect(done.bytes).toBeGreaterThan(500_000);
      expect(done.bytes).toBeLessThanOrEqual(1_500_000);
    } finally {
      await customerContext.close();
      await agentContext.close();
    }
  }, 180_000);

  it('a local-only portal: nothing is uploaded, and the recording is saved on the staff machine — the save dialog replaced by a file in the origin’s private file system, and the download fallback', async () => {
    const manager = await apiFor(server.url, 'manager@demo.test');
    const agentApi = await apiFor(server.url, 'agent@demo.test');
    const set = await manager('PATCH', '/v1/portals/portal_service', { localRecordingsOnly: true });
    expect(set.status).toBe(200);
    for (const via of ['picker', 'download'] as const) {
      const customerContext = await stage.browser.newContext();
      const agentContext = await stage.browser.newContext({ acceptDownloads: true });
      try {
        const reason = `Keep it here (${via}) ${Date.now()}`;
        const { customer, agent } = await inCall(
          { customer: customerContext, agent: agentContext },
          server.url,
          reason,
        );
        let uploads = 0;
        agent.on('request', (req) => {
          if (req.url().includes('/v1/recordings/uploads')) uploads++;
        });
        // The OS save dialog is outside the product: it is replaced by a handle on a file of the
        // origin's private file system (a real FileSystemFileHandle) — or removed, for the download.
        await agent.evaluate((mode) => {
          const w = window as unknown as Record<string, unknown>;
          if (mode === 'download') w.showSaveFilePicker = undefined;
          else
            w.showSaveFilePicker = async () =>
              (await navigator.storage.getDirectory()).getFileHandle('saved.webm', { create: true });
        }, via);
        const record = agent.locator(`${call} [data-action="record"]`);
        await expect.poll(() => record.isEnabled(), { timeout: 10_000 }).toBe(true);
        await record.click();
        await agent
          .locator(`${call} [data-action="record"][aria-pressed="true"]`)
          .waitFor({ timeout: 10_000 });
        await agent.waitForTimeout(3_000);
        await record.click();
        const save = agent.locator(`${call} [data-action="save-recording"]`);
        await save.waitFor({ timeout: 20_000 });
        const [r] = await recordingsOf(agentApi, reason);
        expect(r).toMatchObject({ storage: 'local', status: 'local' });
        let head: number[];
        let size: number;
        if (via === 'download') {
          const [download] = await Promise.all([agent.waitForEvent('download'), save.click()]);
          const chunks: Buffer[] = [];
          for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>)
            chunks.push(chunk);
          const file = Buffer.concat(chunks);
          head = [...file.subarray(0, 4)];
          size = file.length;
          expect(download.suggestedFilename()).toMatch(/\.webm$/);
        } else {
          await save.click();
          await save.waitFor({ state: 'detached', timeout: 10_000 });
          ({ head, size } = await agent.evaluate(async () => {
            const file = await (
              await (await navigator.storage.getDirectory()).getFileHandle('saved.webm')
            ).getFile();
            return { head: [...new Uint8Array(await file.slice(0, 4).arrayBuffer())], size: file.size };
          }));
        }
        // A WebM (EBML header) of the seconds recorded; never uploaded, and the server refuses it.
        expect(head).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
        expect(size).toBeGreaterThan(50_000);
        expect(uploads).toBe(0);
        await customer.locator(`${call} [data-action="end"]`).click();
      } finally {
        await customerContext.close();
        await agentContext.close();
      }
    }
  }, 240_000);
});
