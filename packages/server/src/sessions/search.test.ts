import { type Actor, canViewSession, type TeamNode } from '@sightline/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

// Session search in SQL (MC-10): every filter, text search, keyset paging and visibility, checked
// against an oracle — the same rows filtered in memory with the domain's canViewSession.

const REASONS = [
  'Boiler shows error E42',
  'Heat pump noisy at night',
  'Radiator valve stuck',
  'Boiler pressure drops',
  'Thermostat display blank',
  'Wärmepumpe taktet',
];
const STATUSES = ['requested', 'confirmed', 'running', 'completed', 'closed', 'cancelled'];

interface Row {
  id: string;
  seq: number;
  device_id: string;
  portal_id: string;
  team_id: string | null;
  assignee_ids: string[];
  status: string;
  reason: string;
  created_at: string;
}

forEachBackend('session search (MC-10)', (backend) => {
  let server: TestServer;
  let rows: Row[];
  let teams: TeamNode[];
  const tokens: Record<string, string> = {};
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    server = await createTestServer(backend);
    await server.reset();
    const { db } = server.handle;
    const org = FIXTURE.organizationId;
    const devices = (
      await db.selectFrom('devices').select('id').where('organization_id', '=', org).execute()
    ).map((d) => d.id);
    const portals = (
      await db.selectFrom('portals').select('id').where('organization_id', '=', org).execute()
    ).map((p) => p.id);
    teams = (
      await db.selectFrom('teams').select(['id', 'parent_id']).where('organization_id', '=', org).execute()
    ).map((t) => ({ id: t.id, parentId: t.parent_id }));
    const agents = [FIXTURE.agentId, FIXTURE.agent2Id];
    // 60 sessions spread over 60 days, attributes cycling with different periods so they combine.
    const values = Array.from({ length: 60 }, (_, i) => ({
      id: `search-${String(i).padStart(2, '0')}`,
      organization_id: org,
      device_id: devices[i % devices.length]!,
      portal_id: portals[i % portals.length]!,
      team_id: i % 5 === 0 ? null : teams[i % teams.length]!.id,
      assignee_ids: JSON.stringify(i % 3 === 0 ? [] : i % 3 === 1 ? [agents[0]] : [agents[1]]),
      ticket_links: '[]',
      status: STATUSES[i % STATUSES.length]!,
      reason: REASONS[i % REASONS.length]!,
      created_by_kind: 'staff',
      created_by_id: FIXTURE.agentId,
      created_at: new Date(Date.UTC(2026, 9, 1) + i * 86_400_000).toISOString(),
    }));
    await db.insertInto('sessions').values(values).execute();
    rows = (
      await db
        .selectFrom('sessions')
        .select([
          'id',
          'seq',
          'device_id',
          'portal_id',
          'team_id',
          'assignee_ids',
          'status',
          'reason',
          'created_at',
        ])
        .where('organization_id', '=', org)
        .execute()
    ).map((r) => ({ ...r, seq: Number(r.seq), created_at: new Date(r.created_at).toISOString() }));
    const callers = {
      manager: await server.login(FIXTURE.managerEmail),
      agent: await server.login(FIXTURE.agentEmail),
      agent2: await server.login(FIXTURE.agent2Email),
      teamManager: await server.login(FIXTURE.teamManagerEmail),
      customer: await server.customer(FIXTURE.accessCode),
    };
    for (const [name, token] of Object.entries(callers)) {
      tokens[name] = token;
      const me = (await (await server.call('GET', '/v1/me', { token })).json()) as Record<string, unknown>;
      actors[name] =
        me.kind === 'customer'
          ? { kind: 'customer', organizationId: me.organizationId as string, deviceId: me.deviceId as string }
          : {
              kind: 'staff',
              organizationId: me.organizationId as string,
              userId: me.userId as string,
              role: me.role as 'agent',
              teamId: me.teamId as string | null,
              managedTeamIds: me.managedTeamIds as string[],
            };
    }
  });
  afterAll(async () => server.close());

  /** Every page of a search, following the cursor; checks no page repeats or skips a row. */
  async function all(caller: string, query: Record<string, string>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const params = new URLSearchParams({ ...query, limit: '7', ...(cursor ? { cursor } : {}) });
      const res = await server.call('GET', `/v1/sessions?${params}`, { token: tokens[caller] });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(7);
      ids.push(...body.items.map((s) => s.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(ids).size).toBe(ids.length);
    return ids;
  }

  const oracle = (caller: string, keep: (r: Row) => boolean) =>
    rows
      .filter(
        (r) =>
          canViewSession(
            actors[caller]!,
            {
              id: r.id,
              organizationId: FIXTURE.organizationId,
              deviceId: r.device_id,
              portalId: r.portal_id,
              teamId: r.team_id,
              assigneeIds: r.assignee_ids,
            },
            teams,
          ) && keep(r),
      )
      .sort((a, b) => b.seq - a.seq)
      .map((r) => r.id);

  const callers = ['manager', 'agent', 'agent2', 'teamManager', 'customer'];

  it('lists exactly what each caller may see, newest first, across pages', async () => {
    // Not vacuous: everyone sees some, and the agents and the customer see fewer than the manager.
    for (const caller of ['agent', 'agent2', 'teamManager', 'customer'])
      expect(oracle(caller, () => true).length, caller).toBeGreaterThan(0);
    expect(oracle('agent', () => true).length).toBeLessThan(oracle('manager', () => true).length);
    for (const caller of callers) expect(await all(caller, {}), caller).toEqual(oracle(caller, () => true));
  });

  it.each([
    ['status', () => ({ status: 'completed' }), (r: Row) => r.status === 'completed'],
    ['portal', () => ({ portalId: rows[1]!.portal_id }), (r: Row) => r.portal_id === rows[1]!.portal_id],
    ['team', () => ({ teamId: rows[2]!.team_id ?? '' }), (r: Row) => r.team_id === rows[2]!.team_id],
    [
      'agent',
      () => ({ assigneeId: FIXTURE.agent2Id }),
      (r: Row) => r.assignee_ids.includes(FIXTURE.agent2Id),
    ],
    ['device', () => ({ deviceId: rows[0]!.device_id }), (r: Row) => r.device_id === rows[0]!.device_id],
    [
      'date range',
      () => ({ from: '2026-10-10T00:00:00Z', to: '2026-11-05T00:00:00+00:00' }),
      (r: Row) => r.created_at >= '2026-10-10T00:00:00.000Z' && r.created_at < '2026-11-05T00:00:00.000Z',
    ],
    ['words of the reason', () => ({ q: 'boil PRESS' }), (r: Row) => r.reason === 'Boiler pressure drops'],
    ['a word prefix', () => ({ q: 'boil' }), (r: Row) => r.reason.startsWith('Boiler')],
    ['a non-English word', () => ({ q: 'wärme' }), (r: Row) => r.reason.startsWith('Wärmepumpe')],
    ['a session id', () => ({ q: 'search-07' }), (r: Row) => r.id === 'search-07'],
    [
      'several filters',
      () => ({ status: 'requested', q: 'boiler', from: '2026-10-01T00:00:00Z' }),
      (r: Row) => r.status === 'requested' && r.reason.startsWith('Boiler'),
    ],
  ])('filters by %s in SQL, for every caller', async (_name, query, keep) => {
    expect(oracle('manager', keep).length).toBeGreaterThan(0);
    for (const caller of callers) expect(await all(caller, query()), caller).toEqual(oracle(caller, keep));
  });

  describe('bad input', () => {
    it.each([
      ['a forged cursor', 'cursor=bm90LWEtbnVtYmVy'],
      ['from after to', 'from=2026-11-05T00:00:00Z&to=2026-10-01T00:00:00Z'],
      ['a date without offset', 'from=2026-11-05T00:00:00'],
      ['an empty text', 'q='],
      ['a text over 200', `q=${'x'.repeat(201)}`],
      ['limit over 100', 'limit=101'],
    ])('%s → 400 problem', async (_name, query) => {
      const res = await server.call('GET', `/v1/sessions?${query}`, { token: tokens.manager });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });

    it('text made only of punctuation finds nothing rather than everything', async () => {
      expect(await all('manager', { q: '%_*' })).toEqual([]);
    });
  });
});
