import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

const BOOTSTRAP = 'bootstrap-token-for-tests-0123456789';
const body = (email: string) => ({
  name: 'Acme',
  plan: 'corporate',
  licenceRenewsAt: '2027-03-31',
  defaultLanguage: 'de',
  timeZone: 'Europe/Vienna',
  manager: { email, password: 'long-enough-pw', firstName: 'Erika', lastName: 'Muster' },
});

forEachBackend('organizations (MC-1)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend, { bootstrapToken: BOOTSTRAP });
  });
  afterAll(async () => server.close());
  const auth = { authorization: `Bearer ${BOOTSTRAP}` };

  it('creates an organization with its first manager, who can work at once', async () => {
    expect((await server.call('POST', '/v1/organizations', { body: body('erika@acme.test') })).status).toBe(
      401,
    );
    const wrong = { authorization: 'Bearer not-the-token' };
    expect(
      (await server.call('POST', '/v1/organizations', { body: body('erika@acme.test'), headers: wrong }))
        .status,
    ).toBe(401);
    const res = await server.call('POST', '/v1/organizations', {
      body: body('erika@acme.test'),
      headers: auth,
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as {
      organization: { id: string; plan: string; licenceRenewsAt: string; timeZone: string };
      manager: { role: string; language: string; timeZone: string };
      token: string;
    };
    expect(created.organization).toMatchObject({
      plan: 'corporate',
      licenceRenewsAt: '2027-03-31',
      timeZone: 'Europe/Vienna',
    });
    expect(created.manager).toMatchObject({
      role: 'company-manager',
      language: 'de',
      timeZone: 'Europe/Vienna',
    });
    const own = await server.call('GET', '/v1/organization', { token: created.token });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: created.organization.id, defaultLanguage: 'de' });
    const agent = await server.call('POST', '/v1/users', {
      token: created.token,
      body: { email: 'team-less@acme.test', password: 'long-enough-pw', role: 'company-manager' },
    });
    expect(agent.status).toBe(201);
    const again = await server.call('POST', '/v1/organizations', {
      body: body('ERIKA@acme.test'),
      headers: auth,
    });
    expect(again.status).toBe(409);
  });

  it('validates plan, date, language and time zone', async () => {
    for (const bad of [
      { plan: 'gold' },
      { licenceRenewsAt: '2027-02-30' },
      { defaultLanguage: 'fr' },
      { timeZone: 'Nowhere/Land' },
    ]) {
      const res = await server.call('POST', '/v1/organizations', {
        body: { ...body('bad@acme.test'), ...bad },
        headers: auth,
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('company managers change name, language and time zone with If-Match; plan and licence are the operator’s', async () => {
    const cm = await server.login(FIXTURE.managerEmail);
    const read = await server.call('GET', '/v1/organization', { token: cm });
    const etag = read.headers.get('etag')!;
    const plan = await server.call('PATCH', '/v1/organization', { token: cm, body: { plan: 'tensor' } });
    expect(plan.status).toBe(400);
    const ok = await server.call('PATCH', '/v1/organization', {
      token: cm,
      body: { defaultLanguage: 'es' },
      headers: { 'if-match': etag },
    });
    expect(ok.status).toBe(200);
    const stale = await server.call('PATCH', '/v1/organization', {
      token: cm,
      body: { name: 'Stale' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    const terms = await server.call('PATCH', `/v1/organizations/${FIXTURE.organizationId}`, {
      body: { plan: 'tensor', licenceRenewsAt: '2028-01-01' },
      headers: auth,
    });
    expect(terms.status).toBe(200);
    expect(await terms.json()).toMatchObject({
      plan: 'tensor',
      licenceRenewsAt: '2028-01-01',
      defaultLanguage: 'es',
    });
  });

  it('without a configured bootstrap token, creating organizations is disabled', async () => {
    const plain = await createTestServer(backend);
    try {
      const res = await plain.call('POST', '/v1/organizations', { body: body('x@acme.test'), headers: auth });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('bootstrap-disabled');
      // No credentials at all is 401 first, as everywhere else.
      expect((await plain.call('POST', '/v1/organizations', { body: body('x@acme.test') })).status).toBe(401);
    } finally {
      await plain.close();
    }
  });
});
