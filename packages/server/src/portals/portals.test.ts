import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

type Portal = {
  id: string;
  slug: string;
  name: string;
  subPortals: { id: string; name: string; slug: string }[];
  teamIds: string[];
  features: Record<string, string>;
  timeZone: string;
  businessHours: Record<string, { start: string; end: string }[]> | null;
  holidays: string[];
  outsideHours: string;
  reportEmail: string | null;
  version: number;
};
type Problem = { status: number; code: string; errors?: { path: string }[] };

forEachBackend('portals (MC-6, MC-1)', (backend) => {
  let server: TestServer;
  let manager: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());
  beforeEach(async () => server.reset());

  const create = (body: unknown, headers: Record<string, string> = {}) =>
    server.call('POST', '/v1/portals', { token: manager, body, headers });
  const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    server.call('PATCH', `/v1/portals/${id}`, { token: manager, body, headers });

  it('creates a portal with a derived slug, a default sub-portal, default features and teams in order', async () => {
    const res = await create({
      name: 'Heizung & Wärme',
      teamIds: [FIXTURE.heatingTeamId, FIXTURE.fieldTeamId],
      features: { screenshots: 'off', recording: 'required' },
    });
    expect(res.status).toBe(201);
    const portal = (await res.json()) as Portal;
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/v1/portals/${portal.id}`);
    expect(portal).toMatchObject({
      slug: 'heizung-warme',
      subPortals: [{ name: 'Main', slug: 'main' }],
      teamIds: [FIXTURE.heatingTeamId, FIXTURE.fieldTeamId],
      features: {
        requests: 'on',
        recording: 'required',
        screenshots: 'off',
        drawing: 'on',
        markers: 'on',
        mirror: 'on',
        chat: 'on',
        summaries: 'off',
      },
      timeZone: 'UTC',
      businessHours: null,
      holidays: [],
      outsideHours: 'refuse',
      reportEmail: null,
      version: 1,
    });
    const again = (await (await create({ name: 'Heizung & Wärme' })).json()) as Portal;
    expect(again.slug).toBe('heizung-warme-2');
    const got = await server.call('GET', `/v1/portals/${portal.id}`, { token: manager });
    expect(got.headers.get('etag')).toBe('"1"');
    expect(await got.json()).toEqual(portal);
    const list = (await (await server.call('GET', '/v1/portals', { token: manager })).json()) as {
      items: Portal[];
    };
    expect(list.items.map((p) => p.slug).sort()).toEqual([
      'heizung-warme',
      'heizung-warme-2',
      'no-requests',
      'service',
    ]);
  });

  it('refuses a slug taken anywhere, also by another organization (409), and bad slugs (400)', async () => {
    expect(((await (await create({ name: 'X', slug: 'service' })).json()) as Problem).code).toBe(
      'slug-taken',
    );
    const foreign = await create({ name: 'X', slug: 'foreign' });
    expect(foreign.status).toBe(409);
    expect((await create({ name: 'X', slug: 'Not Kebab' })).status).toBe(400);
    expect((await patch(FIXTURE.portalId, { slug: 'no-requests' })).status).toBe(409);
    const ok = await patch(FIXTURE.portalId, { slug: 'service-desk' });
    expect(((await ok.json()) as Portal).slug).toBe('service-desk');
  });

  it('validates every field at once and changes nothing', async () => {
    const res = await create({
      name: 'Bad',
      timeZone: 'Mars/Olympus',
      teamIds: ['team_foreign', FIXTURE.fieldTeamId],
      subPortals: [
        { name: 'A', slug: 'a' },
        { name: 'B', slug: 'a' },
      ],
      businessHours: {
        mon: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as Problem).errors!.map((e) => e.path).sort();
    expect(paths).toEqual([
      'body.businessHours.mon',
      'body.subPortals.1.slug',
      'body.teamIds.0',
      'body.timeZone',
    ]);
    expect((await create({ name: 'x', subPortals: [] })).status).toBe(400);
    expect((await create({ name: 'x', features: { screenshots: 'maybe' } })).status).toBe(400);
    expect((await create({ name: 'x', unknown: 1 })).status).toBe(400);
    expect((await create({ name: 'x', reportEmail: 'not-an-address' })).status).toBe(400);
    const count = await server.handle.db
      .selectFrom('portals')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(3);
  });

  it('patches features key by key, hours, holidays and sub-portals, honouring If-Match (412)', async () => {
    const before = (await (
      await server.call('GET', `/v1/portals/${FIXTURE.portalId}`, { token: manager })
    ).json()) as Portal;
    const main = before.subPortals[0]!;
    const res = await patch(
      FIXTURE.portalId,
      {
        features: { markers: 'required', chat: 'off' },
        timeZone: 'europe/berlin',
        businessHours: {
          mon: [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
        },
        holidays: ['2026-12-25', '2026-12-24', '2026-12-25'],
        outsideHours: 'queue',
        reportEmail: 'reports@demo.test',
        subPortals: [
          { id: main.id, name: 'Boilers', slug: 'boilers' },
          { name: 'Pumps', slug: 'pumps' },
        ],
      },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    const after = (await res.json()) as Portal;
    expect(after.features).toEqual({ ...before.features, markers: 'required', chat: 'off' });
    expect(after).toMatchObject({
      timeZone: 'Europe/Berlin',
      holidays: ['2026-12-24', '2026-12-25'],
      outsideHours: 'queue',
      reportEmail: 'reports@demo.test',
      version: 2,
    });
    expect(after.subPortals.map((s) => [s.name, s.slug])).toEqual([
      ['Boilers', 'boilers'],
      ['Pumps', 'pumps'],
    ]);
    expect(after.subPortals[0]!.id).toBe(main.id);
    expect((await patch(FIXTURE.portalId, { name: 'Stale' }, { 'if-match': '"1"' })).status).toBe(412);
    expect(
      (await patch(FIXTURE.portalId, { subPortals: [{ id: 'nope', name: 'x', slug: 'x' }] })).status,
    ).toBe(400);
    expect((await patch(FIXTURE.portalId, { businessHours: null })).status).toBe(200);
  });

  it('replays a creation with the same Idempotency-Key instead of creating twice', async () => {
    const a = await create({ name: 'Once' }, { 'idempotency-key': 'portal-1' });
    const b = await create({ name: 'Once' }, { 'idempotency-key': 'portal-1' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(((await b.json()) as Portal).id).toBe(((await a.json()) as Portal).id);
  });

  describe('routing (MC-6)', () => {
    it('routes a request of a device without a team to the portal’s first team', async () => {
      await server.handle.db
        .updateTable('devices')
        .set({ team_id: null })
        .where('id', '=', FIXTURE.deviceId)
        .execute();
      await patch(FIXTURE.portalId, { teamIds: [FIXTURE.heatingTeamId, FIXTURE.fieldTeamId] });
      const customer = await server.customer(FIXTURE.accessCode);
      const res = await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'no team' } });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { teamId: string }).teamId).toBe(FIXTURE.heatingTeamId);
      await server.handle.db
        .updateTable('devices')
        .set({ team_id: FIXTURE.fieldTeamId })
        .where('id', '=', FIXTURE.deviceId)
        .execute();
      const own = await server.call('POST', '/v1/sessions', {
        token: customer,
        body: { reason: 'own team' },
      });
      expect(((await own.json()) as { teamId: string }).teamId).toBe(FIXTURE.fieldTeamId);
    });
  });
});
