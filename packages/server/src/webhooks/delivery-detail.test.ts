import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type Receiver, startReceiver } from './testing/receiver.js';
import { createEndpoint } from './testing/setup.js';

/** What `GET /v1/webhooks/{id}/deliveries/{deliveryId}` answers, as far as these tests look. */
interface Detail {
  status: string;
  attemptCount: number;
  attempts: unknown[];
}

forEachBackend('a webhook delivery’s detail is one snapshot (SI-12)', (backend) => {
  let server: TestServer;
  let receiver: Receiver;
  let manager: string;

  beforeAll(async () => {
    server = await createTestServer(backend, { webhookTimeoutMs: 1_500 });
    receiver = await startReceiver();
    receiver.fallback = { status: 500, body: 'down' };
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('read while the worker records an attempt, its status and its attempts always agree', async () => {
    const endpoint = await createEndpoint(server, { url: receiver.url });
    const path = `/v1/webhooks/${endpoint.id}/deliveries`;
    const answers: Detail[] = [];
    for (let round = 0; round < 25; round++) {
      // A test event: one attempt, then failed (the receiver answers 500).
      const queued = await server.call('POST', `/v1/webhooks/${endpoint.id}/test`, { token: manager });
      expect(queued.status).toBe(202);
      const { id } = (await queued.json()) as { id: string };
      const delivered = server.webhookWorker.drain();
      let settled = false;
      void delivered.finally(() => {
        settled = true;
      });
      // Read as often as the server answers until the attempt is recorded, and once after.
      for (let last = false; !last; ) {
        last = settled;
        const res = await server.call('GET', `${path}/${id}`, { token: manager });
        expect(res.status).toBe(200);
        answers.push((await res.json()) as Detail);
        // A turn of the event loop between reads, as between a client's requests over the network.
        await new Promise((r) => setImmediate(r));
      }
      await delivered;
      expect(answers.at(-1)).toMatchObject({ status: 'failed', attemptCount: 1 });
    }
    // Before the attempt is recorded: pending, none listed; after it: failed, one listed — never the
    // attempt listed on a delivery still pending (an answer read in two statements, the attempt
    // committed between them, showed that, and a log polling for pending deliveries stopped short).
    for (const answer of answers) {
      if (answer.status === 'pending') expect(answer.attempts).toHaveLength(0);
      else expect(answer).toMatchObject({ status: 'failed', attempts: [expect.anything()] });
    }
    expect(answers.length).toBeGreaterThan(25);
  });
});
