import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { DEFECT_FIELD, fileArb, HEADER } from './import-fixtures.js';

forEachBackend('CSV bulk import (MC-4)', (backend) => {
  let server: TestServer;
  let cm: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    cm = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());

  const post = (text: string, query = '', token = cm, type = 'text/csv') =>
    server.call('POST', `/v1/users/import${query}`, { token, body: text, headers: { 'content-type': type } });
  const counts = async () => {
    const { rows } = await sql<{ users: string; teams: string }>`select
      (select count(*) from users) as users, (select count(*) from teams) as teams`.execute(server.handle.db);
    return rows[0]!;
  };
  const file = (...rows: string[]) => `${HEADER.join(',')}\n${rows.join('\n')}\n`;

  it('imports agents, creating missing teams under the named parent; a dry run writes nothing', async () => {
    const text = file(
      'Field,Heating,one@import.test,One,Agent,long-enough-pw,,',
      'Regions,North,two@import.test,Two,Agent,long-enough-pw,Second,"note, with comma"',
      ',Heating,three@import.test,Three,,long-enough-pw,,',
    );
    const before = await counts();
    const dry = await post(text, '?dryRun=true');
    expect(dry.status).toBe(200);
    const plan = (await dry.json()) as { dryRun: boolean; teams: { name: string }[]; users: unknown[] };
    expect(plan.dryRun).toBe(true);
    expect(plan.teams.map((t) => t.name)).toEqual(['Regions', 'North']);
    expect(plan.users).toHaveLength(3);
    expect(await counts()).toEqual(before);

    const res = await post(text);
    expect(res.status).toBe(201);
    const done = (await res.json()) as {
      users: { email: string; teamId: string }[];
      teams: { id: string; name: string; parentId: string | null }[];
      passwordsPending: number;
    };
    expect(done.passwordsPending).toBe(0);
    const [regions, north] = done.teams;
    expect(north!.parentId).toBe(regions!.id);
    expect(done.users.map((u) => u.teamId)).toEqual([
      FIXTURE.heatingTeamId,
      north!.id,
      FIXTURE.heatingTeamId,
    ]);
    const login = await server.call('POST', '/v1/auth/login', {
      body: { email: 'two@import.test', password: 'long-enough-pw' },
    });
    expect(login.status).toBe(200);
    const two = await server.call('GET', `/v1/users?q=two@import`, { token: cm });
    expect(((await two.json()) as { items: unknown[] }).items[0]).toMatchObject({
      displayName: 'Second',
      customField: 'note, with comma',
      role: 'agent',
    });
  });

  it('existing users, ambiguous team names and teams out of reach are bad rows', async () => {
    const res = await post(
      file(
        `Field,Heating,${FIXTURE.agentEmail.toUpperCase()},A,B,long-enough-pw,,`,
        'Field,Heating,fresh@import.test,A,B,long-enough-pw,,',
      ),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { line: number; field: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ line: 2, field: 'email' })]);

    const tm = await server.login(FIXTURE.teamManagerEmail);
    await server.handle.db
      .updateTable('users')
      .set({ rights: JSON.stringify(['agents.add']) })
      .where('id', '=', FIXTURE.teamManagerId)
      .execute();
    const outside = await post(file(',Elsewhere,far@import.test,A,B,long-enough-pw,,'), '', tm);
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('team');
    const inside = await post(file('Field,Night shift,near@import.test,A,B,long-enough-pw,,'), '', tm);
    expect(inside.status).toBe(201);
  });

  it('a retry with the same Idempotency-Key imports nothing twice', async () => {
    const text = file('Field,Heating,once@import.test,A,B,long-enough-pw,,');
    const headers = { 'content-type': 'text/csv', 'idempotency-key': 'import-once' };
    const first = await server.call('POST', '/v1/users/import', { token: cm, body: text, headers });
    expect(first.status).toBe(201);
    const again = await server.call('POST', '/v1/users/import', { token: cm, body: text, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
  });

  it('refuses other media types and files over the limit', async () => {
    expect(
      (await post(file('Field,Heating,x@import.test,A,B,long-enough-pw,,'), '', cm, 'application/json'))
        .status,
    ).toBe(415);
    const big = `${HEADER.join(',')}\n${'x'.repeat(5 * 1024 * 1024)}\n`;
    expect((await post(big)).status).toBe(413);
  });

  it('property: a file with any bad row imports nothing and names every bad row by line', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fileArb(12, ['none', 'email', 'password', 'team', 'columns', 'duplicate']).filter((f) =>
          f.rows.some((r) => r.defect !== 'none'),
        ),
        async (generated) => {
          // Unique emails per run: earlier successful imports must not turn rows bad.
          const tag = `r${++run}x`;
          const text = generated.text.replace(/user(\d+)(@|-at-)import\.test/g, `${tag}u$1$2import.test`);
          const before = await counts();
          const res = await post(text);
          expect(res.status).toBe(422);
          const problem = (await res.json()) as { errors: { line: number; field: string }[] };
          const bad = generated.rows.flatMap((r, i) =>
            r.defect === 'none' ? [] : [{ line: generated.lines[i]!, field: DEFECT_FIELD[r.defect] }],
          );
          expect([...new Set(problem.errors.map((e) => e.line))]).toEqual(bad.map((b) => b.line));
          for (const b of bad) {
            expect(problem.errors.filter((e) => e.line === b.line).map((e) => e.field)).toContain(b.field);
          }
          expect(await counts()).toEqual(before);
        },
      ),
      { numRuns: 15 },
    );
  });
});
