import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.js';
import { CALLERS, type CallerTokens, row, runMatrix, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { passwordResetsOf } from './service.js';

/**
 * Authorization matrix of the password reset (MC-2). Both operations are public, like login: every
 * caller gets the same answer, and a bearer token (even another organization's) changes nothing —
 * the reset token is the only credential. There are no ids in these paths to swap.
 */
let seq = 0;
let server: TestServer;

/** A fresh, valid reset token for the fixture's other-organization manager. */
async function freshToken(): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await server.handle.db
    .insertInto('password_resets')
    .values({
      token_hash: sha256(token),
      user_id: 'user_foreign',
      organization_id: FIXTURE.otherOrgId,
      expires_at: new Date(Date.now() + 60 * 60_000),
    })
    .execute();
  return token;
}

const OPERATIONS = [
  //                                                anon cust agent  tm  tmR  tmO   cm  api  org
  {
    name: 'POST /v1/auth/password-reset',
    request: () => ({
      method: 'POST',
      path: '/v1/auth/password-reset',
      body: { email: `matrix${++seq}@demo.test` },
    }),
    expected: row(202, 202, 202, 202, 202, 202, 202, 202, 202),
  },
  {
    name: 'POST /v1/auth/password-reset/confirm (valid token of another organization’s user)',
    request: async () => ({
      method: 'POST',
      path: '/v1/auth/password-reset/confirm',
      body: { token: await freshToken(), password: `matrix-password-${++seq}` },
    }),
    expected: row(204, 204, 204, 204, 204, 204, 204, 204, 204),
  },
  {
    name: 'POST /v1/auth/password-reset/confirm (unknown token)',
    request: () => ({
      method: 'POST',
      path: '/v1/auth/password-reset/confirm',
      body: { token: `unknown-${++seq}`, password: 'matrix-password' },
    }),
    expected: row(400, 400, 400, 400, 400, 400, 400, 400, 400),
  },
];

forEachBackend('password reset authorization matrix (MC-2)', (backend) => {
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
  });
  afterAll(async () => {
    await passwordResetsOf(server.services).idle();
    await server.close();
  });

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS);
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('ignores an invalid bearer token on the public routes', async () => {
    const res = await server.call('POST', '/v1/auth/password-reset', {
      token: 'not-a-token',
      body: { email: 'nobody@demo.test' },
    });
    expect(res.status).toBe(202);
  });
});
