import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Whether the customer is asked about an AI summary (SI-3), as the customer reads their own device:
 * the shared decision table with the staff switch assumed on; `ask` → the question applies.
 */
forEachBackend('the customer’s summary question (SI-3)', (backend) => {
  let server: TestServer;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    customer = await server.customer(FIXTURE.accessCode);
  });

  const ai = {
    summariesEnabled: true,
    outgoing: { enabled: true, scope: 'all' },
    incoming: { enabled: true, scope: 'all-devices' },
  };
  const setAi = (settings: object) =>
    server.handle.db
      .updateTable('organizations')
      .set({ ai_settings: JSON.stringify(settings) })
      .where('id', '=', FIXTURE.organizationId)
      .execute();
  const setDevice = ({
    policy,
    ...values
  }: {
    summary_access?: string;
    managed?: boolean;
    policy?: { summaries: boolean; enforced: boolean } | null;
  }) =>
    server.handle.db
      .updateTable('devices')
      .set({
        ...values,
        ...(policy !== undefined ? { policy: policy && JSON.stringify(policy) } : {}),
      })
      .where('id', '=', FIXTURE.deviceId)
      .execute();
  const question = async () => {
    const me = (await (await server.call('GET', '/v1/me', { token: customer })).json()) as {
      deviceId: string;
    };
    expect(me.deviceId).toBe(FIXTURE.deviceId);
    const res = await server.call('GET', `/v1/devices/${me.deviceId}`, { token: customer });
    expect(res.status).toBe(200);
    return ((await res.json()) as { summaryQuestion: boolean }).summaryQuestion;
  };

  it('“after confirmation” with summaries on: asked', async () => {
    await setAi(ai);
    await setDevice({ summary_access: 'after-confirmation' });
    expect(await question()).toBe(true);
  });

  it('the device says always or never: not asked', async () => {
    await setAi(ai);
    await setDevice({ summary_access: 'allowed' });
    expect(await question()).toBe(false);
    await setDevice({ summary_access: 'denied' });
    expect(await question()).toBe(false);
  });

  it('summaries off in the organization, or outgoing sessions off: not asked', async () => {
    await setDevice({ summary_access: 'after-confirmation' });
    await setAi({ ...ai, summariesEnabled: false });
    expect(await question()).toBe(false);
    await setAi({ ...ai, outgoing: { enabled: false, scope: 'all' } });
    expect(await question()).toBe(false);
  });

  it('a managed device under a policy is never asked', async () => {
    await setAi(ai);
    await setDevice({
      summary_access: 'after-confirmation',
      managed: true,
      policy: { summaries: true, enforced: true },
    });
    expect(await question()).toBe(false);
    await setDevice({ policy: { summaries: true, enforced: false } });
    expect(await question()).toBe(false);
    await setDevice({ policy: { summaries: false, enforced: true } });
    expect(await question()).toBe(false);
  });
});
