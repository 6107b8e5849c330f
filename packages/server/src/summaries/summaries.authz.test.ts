import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CALLERS,
  type Caller,
  type CallerTokens,
  type MatrixOperation,
  row,
  runMatrix,
  seedCallers,
} from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { completedSession, debitedSessions } from './testing/flow.js';

/**
 * Authorization matrix of the summaries API (SI-5, SI-7…SI-10) with the default grants (team
 * managers: view, edit, export; agents: view; company managers: all; API managers and customers:
 * none). A summary is seen by those who may see its session (Heating's device: its agent, the
 * managers of Field above Heating, not the manager of Sales); another organization's id is 404.
 */
interface Ctx {
  summaryId: string;
  sessionId: string;
  etag: string;
}
type Operation = MatrixOperation<Caller, Ctx>;

//                                             anon cust agnt tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/summaries',
    request: () => ({ method: 'GET', path: '/v1/summaries' }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'GET /v1/summaries/overview',
    request: () => ({ method: 'GET', path: '/v1/summaries/overview' }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'GET /v1/summaries/{id}',
    request: (ctx) => ({ method: 'GET', path: `/v1/summaries/${ctx.summaryId}` }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'PATCH /v1/summaries/{id}',
    request: (ctx) => ({
      method: 'PATCH',
      path: `/v1/summaries/${ctx.summaryId}`,
      headers: { 'if-match': ctx.etag },
      body: { title: 'Edited in the matrix' },
    }),
    expected: row(401, 403, 403, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'DELETE /v1/summaries/{id}',
    request: (ctx) => ({ method: 'DELETE', path: `/v1/summaries/${ctx.summaryId}` }),
    expected: row(401, 403, 403, 403, 403, 403, 204, 403, 404),
  },
  {
    name: 'GET /v1/summaries/{id}/export?format=pdf',
    request: (ctx) => ({ method: 'GET', path: `/v1/summaries/${ctx.summaryId}/export?format=pdf` }),
    expected: row(401, 403, 403, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'GET /v1/sessions/{id}/summary',
    request: (ctx) => ({ method: 'GET', path: `/v1/sessions/${ctx.sessionId}/summary` }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404),
  },
];

forEachBackend('Summaries authorization matrix and organizations (SI-5, SI-7…SI-10)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  let sessionId: string;
  let summaryId: string;
  const original = { title: '', version: 0 };
  beforeAll(async () => {
    server = await createTestServer(backend);
    // Both other team managers hold a right, so only the teams they manage tell them apart.
    tokens = await seedCallers(server, { tmRight: ['agents.edit'], tmSales: ['agents.edit'] });
    sessionId = await completedSession(server, {
      customer: tokens.customer as string,
      agent: tokens.agent as string,
    });
    await server.runSummaryJobs();
    const made = await server.handle.db
      .selectFrom('summaries')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(made.status).toBe('ready');
    summaryId = made.id;
    Object.assign(original, { title: made.title, version: made.version });
  });
  afterAll(async () => server.close());

  /** Every cell starts from the summary as it was made: not deleted, not edited. */
  async function fresh(): Promise<Ctx> {
    await server.handle.db
      .updateTable('summaries')
      .set({
        deleted_at: null,
        deleted_by: null,
        edited_by: null,
        edited_at: null,
        title: original.title,
        version: original.version,
      })
      .where('id', '=', summaryId)
      .execute();
    return { summaryId, sessionId, etag: `"${original.version}"` };
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const read = await server.call('GET', `/v1/summaries/${summaryId}`, { token: tokens.companyManager });
    expect(read.headers.get('etag')).toBe(`"${original.version}"`);
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, { setup: fresh });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('the list and overview of another organization’s manager hold none of this organization’s summaries', async () => {
    await fresh();
    const own = (await (
      await server.call('GET', '/v1/summaries', { token: tokens.companyManager })
    ).json()) as {
      items: { id: string }[];
    };
    expect(own.items.map((s) => s.id)).toEqual([summaryId]);
    const theirs = (await (await server.call('GET', '/v1/summaries', { token: tokens.otherOrg })).json()) as {
      items: unknown[];
    };
    expect(theirs.items).toEqual([]);
    const overview = (await (
      await server.call('GET', '/v1/summaries/overview', { token: tokens.otherOrg })
    ).json()) as { total: number };
    expect(overview.total).toBe(0);
  });

  it('a list of the manager of Sales holds no summary of Heating’s sessions', async () => {
    await fresh();
    const list = (await (await server.call('GET', '/v1/summaries', { token: tokens.tmSales })).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });

  it('another organization’s manager naming this summary: 404 on edit, delete and export, nothing changed, no event', async () => {
    await fresh();
    const before = await server.handle.db.selectFrom('outbox').select('id').execute();
    const path = `/v1/summaries/${summaryId}`;
    const answers = await Promise.all([
      server.call('PATCH', path, {
        token: tokens.otherOrg,
        headers: { 'if-match': `"${original.version}"` },
        body: { title: 'Taken over' },
      }),
      server.call('DELETE', path, { token: tokens.otherOrg }),
      server.call('GET', `${path}/export?format=json`, { token: tokens.otherOrg }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const row = await server.handle.db
      .selectFrom('summaries')
      .selectAll()
      .where('id', '=', summaryId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: original.title, version: original.version, deleted_at: null });
    expect(await server.handle.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
    expect(await debitedSessions(server)).toEqual([sessionId]);
  });

  it('grants follow the organization’s table: agents given edit may edit, team managers without export may not', async () => {
    await fresh();
    await server.handle.db
      .updateTable('organizations')
      .set({
        summary_permissions: JSON.stringify({
          'team-manager': ['summaries.view'],
          agent: ['summaries.view', 'summaries.edit'],
        }),
      })
      .where('id', '=', FIXTURE.organizationId)
      .execute();
    try {
      const edit = await server.call('PATCH', `/v1/summaries/${summaryId}`, {
        token: tokens.agent,
        headers: { 'if-match': `"${original.version}"` },
        body: { problem: 'Wi-Fi printing broke after the router swap.' },
      });
      expect(edit.status).toBe(200);
      expect(((await edit.json()) as { allowed: string[] }).allowed).toEqual(['summaries.edit']);
      const exported = await server.call('GET', `/v1/summaries/${summaryId}/export`, {
        token: tokens.teamManager,
      });
      expect(exported.status).toBe(403);
    } finally {
      await server.handle.db
        .updateTable('organizations')
        .set({
          summary_permissions: JSON.stringify({
            'team-manager': ['summaries.view', 'summaries.edit', 'summaries.export'],
            agent: ['summaries.view'],
          }),
        })
        .where('id', '=', FIXTURE.organizationId)
        .execute();
    }
  });
});
