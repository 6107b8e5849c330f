import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayExportRecording } from '@sightline/core/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolvePrincipal } from '../auth/authenticate.js';
import { sessionScope } from '../sessions/store.js';
import { type CallerTokens, type MatrixOperation, matrix, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type Started, sealedRecording, sessionInCall, uploadInTwo } from '../testing/recordings.js';
import { readZip } from '../testing/zip.js';

const { callers, row, runMatrix } = matrix([
  'anonymous',
  'customer',
  'otherCustomer',
  'agent',
  'agent2',
  'teamManager',
  'tmSales',
  'companyManager',
  'apiKey',
  'otherOrg',
]);
type Name = (typeof callers)[number];
interface Ctx {
  sessionId: string;
  callId: string;
  recordingId: string;
}

//                                                       anon cust othC  agA  ag2   tm tmSa   cm  api  org
const OPERATIONS: MatrixOperation<Name, Ctx>[] = [
  {
    name: 'POST /v1/sessions/{id}/recordings',
    request: (c) => ({
      method: 'POST',
      path: `/v1/sessions/${c.sessionId}/recordings`,
      body: { callId: c.callId, mimeType: 'video/webm' },
    }),
    expected: row(401, 403, 403, 201, 403, 201, 403, 201, 403, 404),
  },
  {
    name: 'POST /v1/recordings/{id}/stop',
    request: async (c) => ({
      method: 'POST',
      path: `/v1/recordings/${c.recordingId}/stop`,
      body: (await sealedRecording(new Uint8Array(100), null)).stop,
    }),
    expected: row(401, 403, 403, 200, 403, 403, 403, 403, 403, 404),
  },
  {
    name: 'GET /v1/recordings',
    request: () => ({ method: 'GET', path: '/v1/recordings' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'GET /v1/recordings/{id}',
    request: (c) => ({ method: 'GET', path: `/v1/recordings/${c.recordingId}` }),
    expected: row(401, 200, 403, 200, 403, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST /v1/recordings/{id}/replay',
    request: (c) => ({ method: 'POST', path: `/v1/recordings/${c.recordingId}/replay`, body: {} }),
    expected: row(401, 409, 403, 409, 403, 409, 403, 409, 403, 404),
  },
  {
    name: 'GET /v1/recordings/{id}/content',
    request: (c) => ({ method: 'GET', path: `/v1/recordings/${c.recordingId}/content` }),
    expected: row(401, 409, 403, 409, 403, 409, 403, 409, 403, 404),
  },
  {
    name: 'DELETE /v1/recordings/{id}',
    request: (c) => ({ method: 'DELETE', path: `/v1/recordings/${c.recordingId}` }),
    expected: row(401, 403, 403, 403, 403, 409, 403, 409, 403, 404),
  },
  {
    name: 'GET /v1/recordings/export',
    request: () => ({ method: 'GET', path: '/v1/recordings/export' }),
    expected: row(401, 403, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'GET /v1/portals/{id}/replay-passphrase',
    request: () => ({ method: 'GET', path: `/v1/portals/${FIXTURE.portalId}/replay-passphrase` }),
    expected: row(401, 403, 403, 403, 403, 403, 403, 200, 403, 404),
  },
  {
    name: 'PUT /v1/portals/{id}/replay-passphrase',
    request: () => ({
      method: 'PUT',
      path: `/v1/portals/${FIXTURE.portalId}/replay-passphrase`,
      body: { password: FIXTURE.password, passphrase: 'a long enough passphrase' },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 403, 200, 403, 404),
  },
  {
    name: 'POST /v1/portals/{id}/replay-passphrase/remove',
    request: () => ({
      method: 'POST',
      path: `/v1/portals/${FIXTURE.portalId}/replay-passphrase/remove`,
      body: { password: FIXTURE.password },
    }),
    // The PUT before set one: the company manager removes it.
    expected: row(401, 403, 403, 403, 403, 403, 403, 200, 403, 404),
  },
];

forEachBackend('recordings: authorization and export scope (MC-11)', (backend) => {
  let server: TestServer;
  let blobDir: string;
  let tokens: CallerTokens;
  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'sightline-recordings-authz-'));
    server = await createTestServer(backend, { blobDir });
    tokens = await seedCallers(server);
  });
  afterAll(async () => {
    await server.close();
    rmSync(blobDir, { recursive: true, force: true });
  });
  const staff = () => ({ agent: tokens.agent!, customer: tokens.customer! });

  it('every operation × every caller; another organization gets 404 and changes nothing', async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      setup: async () => {
        const { sessionId, callId } = await sessionInCall(server, staff());
        const started = await server.call('POST', `/v1/sessions/${sessionId}/recordings`, {
          token: tokens.agent,
          body: { callId, mimeType: 'video/webm' },
        });
        const recordingId = ((await started.json()) as Started).recording.id;
        // A second call of the session for the start row (one recording runs at a time).
        const other = await sessionInCall(server, staff());
        return { sessionId: other.sessionId, callId: other.callId, recordingId };
      },
    });
    expect(mismatches).toEqual([]);
    expect(cells).toBe(OPERATIONS.length * callers.length);
    const foreign = await server.handle.db
      .selectFrom('replay_keys')
      .select('id')
      .where('organization_id', '=', FIXTURE.otherOrgId)
      .execute();
    expect(foreign).toEqual([]);
  });

  it('export scope: company manager all, team managers their teams, agents their own — 0 mismatches', async () => {
    await server.handle.db.deleteFrom('recordings').execute();
    const ids: string[] = [];
    const assignments = [[FIXTURE.agentId], [FIXTURE.agent2Id], [], [FIXTURE.agentId, FIXTURE.agent2Id]];
    for (const assigneeIds of assignments) {
      const { sessionId, callId } = await sessionInCall(server, staff(), { assigneeIds });
      const started = (await (
        await server.call('POST', `/v1/sessions/${sessionId}/recordings`, {
          token: tokens.companyManager,
          body: { callId, mimeType: 'video/webm' },
        })
      ).json()) as Started;
      const made = await sealedRecording(new Uint8Array(5000).fill(assigneeIds.length), null);
      await server.call('POST', `/v1/recordings/${started.recording.id}/stop`, {
        token: tokens.companyManager,
        body: made.stop,
      });
      await uploadInTwo(server, tokens.companyManager!, started.recording.id, made.sealed);
      ids.push(started.recording.id);
    }
    const sessions = await server.handle.db.selectFrom('sessions').selectAll().execute();
    const recordings = await server.handle.db.selectFrom('recordings').selectAll().execute();
    const teams = await server.services.teamsOf(FIXTURE.organizationId);
    const mismatches: string[] = [];
    const counts: Record<string, number> = {};
    for (const name of ['companyManager', 'teamManager', 'tmSales', 'agent', 'agent2', 'otherOrg'] as const) {
      const res = await server.call('GET', '/v1/recordings/export', { token: tokens[name] });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      const files = readZip(new Uint8Array(await res.arrayBuffer()));
      const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
        recordings: { id: string; file: string | null }[];
      };
      const exported = new Set(manifest.recordings.map((r) => r.id));
      counts[name] = exported.size;
      const principal = await resolvePrincipal(server.services, `Bearer ${tokens[name]}`);
      for (const rec of recordings) {
        const session = sessions.find((s) => s.id === rec.session_id)!;
        const expected = principal
          ? mayExportRecording(principal.actor, sessionScope(session), teams)
          : false;
        if (exported.has(rec.id) !== expected) mismatches.push(`${name} ${rec.id}: expected ${expected}`);
        if (exported.has(rec.id)) {
          const entry = manifest.recordings.find((r) => r.id === rec.id)!;
          expect(files.get(entry.file!)?.length).toBe(rec.bytes);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(ids).toHaveLength(4);
    // Agents get the sessions assigned to them, others none; another organization nothing.
    expect(counts).toMatchObject({ companyManager: 4, agent: 2, agent2: 2, tmSales: 0, otherOrg: 0 });
  });
});
