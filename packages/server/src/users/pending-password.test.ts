import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { passwordsSettled, SYNC_HASH_ROWS } from './import-passwords.js';
import { matchesSealed, openPassword, sealPassword } from './pending-password.js';

describe('sealed pending passwords (MC-4)', () => {
  it('open only for the same user and secret, compare exactly', () => {
    const sealed = sealPassword('secret-a', 'u1', 'long-enough-pw');
    expect(openPassword('secret-a', 'u1', sealed)).toBe('long-enough-pw');
    expect(openPassword('secret-b', 'u1', sealed)).toBeUndefined();
    expect(openPassword('secret-a', 'u2', sealed)).toBeUndefined();
    expect(openPassword('secret-a', 'u1', `${sealed.slice(0, -2)}AA`)).toBeUndefined();
    expect(matchesSealed('secret-a', 'u1', sealed, 'long-enough-pw')).toBe(true);
    expect(matchesSealed('secret-a', 'u1', sealed, 'long-enough-pX')).toBe(false);
    expect(sealPassword('secret-a', 'u1', 'x')).not.toBe(sealPassword('secret-a', 'u1', 'x'));
  });
});

forEachBackend('passwords of a large import survive a restart (MC-4)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());

  const login = (email: string, password: string) =>
    server.call('POST', '/v1/auth/login', { body: { email, password } });
  const pending = async () =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from users where pending_password is not null`.execute(
          server.handle.db,
        )
      ).rows[0]!.n,
    );

  it(`a ${SYNC_HASH_ROWS + 1}-row import answers before hashing; its users sign in at once and get hashes`, async () => {
    const cm = await server.login(FIXTURE.managerEmail);
    const rows = Array.from(
      { length: SYNC_HASH_ROWS + 1 },
      (_, i) => `Field,Heating,bulk${i}@import.test,Bulk,${i},bulk-password-${i},,`,
    );
    const text = `parent team,team,user id,first name,last name,password,screen name,custom field\n${rows.join('\n')}\n`;
    const res = await server.call('POST', '/v1/users/import', {
      token: cm,
      body: text,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { passwordsPending: number }).passwordsPending).toBe(SYNC_HASH_ROWS + 1);
    const last = SYNC_HASH_ROWS;
    expect((await login(`bulk${last}@import.test`, `bulk-password-${last}`)).status).toBe(200);
    expect((await login(`bulk${last}@import.test`, 'bulk-password-0')).status).toBe(401);
    await passwordsSettled(server.services);
    expect(await pending()).toBe(0);
    expect((await login(`bulk${last}@import.test`, `bulk-password-${last}`)).status).toBe(200);
  }, 120_000);

  it('a restart resumes hashing what a stopped process left sealed; a password set meanwhile wins', async () => {
    let { db } = server.handle;
    const secret = server.services.rawSecret;
    await db
      .updateTable('users')
      .set({
        password_hash: null,
        pending_password: sealPassword(secret, FIXTURE.agent2Id, 'sealed-password-1'),
      })
      .where('id', '=', FIXTURE.agent2Id)
      .execute();
    const hashOfAgent = (
      await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', FIXTURE.agentId)
        .executeTakeFirstOrThrow()
    ).password_hash;
    await db
      .updateTable('users')
      .set({ pending_password: sealPassword(secret, FIXTURE.agentId, 'stale-sealed-pw') })
      .where('id', '=', FIXTURE.agentId)
      .execute();
    await server.restart();
    await passwordsSettled(server.services);
    db = server.handle.db;
    expect(await pending()).toBe(0);
    const agent2 = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', FIXTURE.agent2Id)
      .executeTakeFirstOrThrow();
    expect(agent2.password_hash).toMatch(/^\$argon2id\$/);
    expect((await login(FIXTURE.agent2Email, 'sealed-password-1')).status).toBe(200);
    const agent = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', FIXTURE.agentId)
      .executeTakeFirstOrThrow();
    expect(agent.password_hash).toBe(hashOfAgent);
    expect((await login(FIXTURE.agentEmail, FIXTURE.password)).status).toBe(200);
  }, 60_000);
});
