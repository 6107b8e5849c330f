import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, forEachBackend, type TestServer } from '../testing/harness.js';
import { type Receiver, startReceiver } from './testing/receiver.js';
import { createEndpoint, requestSession } from './testing/setup.js';
import { RUN_GAP_MS, WebhookWorker } from './worker.js';

forEachBackend('webhook worker in a burst of changes (SI-12, issue 13)', (backend) => {
  let server: TestServer;
  let receiver: Receiver;
  beforeAll(async () => {
    server = await createTestServer(backend, { webhookTimeoutMs: 1_500 });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it(`runs start at least ${RUN_GAP_MS} ms apart, and every change of the burst is delivered once`, async () => {
    await createEndpoint(server, { url: receiver.url, events: ['session.requested'] });
    const worker = new WebhookWorker(server.services, {
      pollMs: 60_000,
      timeoutMs: 1_500,
      allowPrivate: true,
      disableAfterMs: 86_400_000,
    });
    const started = performance.now();
    const ids: string[] = [];
    try {
      // Woken after every change (as the notifier wakes it), and more often still.
      for (let i = 0; i < 12; i++) {
        ids.push(await requestSession(server, `burst ${i}`));
        worker.kick();
        await new Promise((r) => setTimeout(r, 5));
        worker.kick();
      }
      const elapsed = performance.now() - started;
      await expect
        .poll(() => receiver.received.filter((r) => ids.some((id) => r.body.includes(id))).length, {
          timeout: 10_000,
        })
        .toBe(ids.length);
      // One run per wake without the gap; with it, one per started gap and the trailing one.
      expect(worker.runs).toBeGreaterThanOrEqual(1);
      expect(worker.runs).toBeLessThanOrEqual(Math.ceil(elapsed / RUN_GAP_MS) + 1);
      const delivered = receiver.received.filter((r) => ids.some((id) => r.body.includes(id)));
      expect(new Set(delivered.map((r) => r.body)).size).toBe(delivered.length);
    } finally {
      worker.stop();
    }
  });
});
