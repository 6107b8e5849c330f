import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/** Operations whose contract requires a JSON body refuse requests without one (issue "Hardening"). */
forEachBackend('required JSON bodies', (backend) => {
  let server: TestServer;
  let manager: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());

  it('a PATCH or POST without its body is 400 body-required, another type 415; nothing changes', async () => {
    const before = await server.call('GET', `/v1/teams/${FIXTURE.heatingTeamId}`, { token: manager });
    const etag = before.headers.get('etag') as string;
    const noBody = await server.call('PATCH', `/v1/teams/${FIXTURE.heatingTeamId}`, {
      token: manager,
      headers: { 'if-match': etag },
    });
    expect(noBody.status).toBe(400);
    expect(((await noBody.json()) as { code: string }).code).toBe('body-required');
    const text = await server.call('POST', '/v1/teams', {
      token: manager,
      body: 'name=Night shift',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toContain('application/problem+json');
    const after = await server.call('GET', `/v1/teams/${FIXTURE.heatingTeamId}`, { token: manager });
    expect(after.headers.get('etag')).toBe(etag);
    // Without credentials it is still 401 first; operations without a body are untouched.
    expect((await server.call('PATCH', `/v1/teams/${FIXTURE.heatingTeamId}`)).status).toBe(401);
    expect((await server.call('GET', '/v1/teams', { token: manager })).status).toBe(200);
  });
});
