import { integrationScopes } from '@sightline/core/domain';
import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import { INTEGRATION_TOKEN_PREFIX } from '../integrations/service.js';
import { FIXTURE, type TestServer } from './harness.js';

/** Every right a team manager can be granted. */
export const MANAGEMENT_RIGHTS = ['agents.add', 'agents.edit', 'agents.move', 'team.settings', 'reports.run'];

/** The people, team and key {@link seedCallers} adds to {@link FIXTURE}. */
export const CALLER_FIXTURE = {
  salesTeamId: 'team_sales',
  /** A second manager of Field (and so Heating), with the rights the test asks for. */
  tmRightId: 'user_tm_right',
  tmRightEmail: 'tm-right@demo.test',
  /** The manager of Sales only. */
  tmSalesId: 'user_tm_sales',
  tmSalesEmail: 'tm-sales@demo.test',
  /** An agent of Sales. */
  salesAgentId: 'user_sales_agent',
  salesAgentEmail: 'sales@demo.test',
  apiKeyId: 'testkey',
  apiKey: `${API_KEY_PREFIX}testkey_s3cret`,
  /** Integration tokens (SI-12): every scope; `summaries:read` only; read scopes limited to the closed portal. */
  integrationId: 'intall',
  integration: `${INTEGRATION_TOKEN_PREFIX}intall_s3cret`,
  integrationReadId: 'intread',
  integrationRead: `${INTEGRATION_TOKEN_PREFIX}intread_s3cret`,
  integrationElsewhereId: 'intelse',
  integrationElsewhere: `${INTEGRATION_TOKEN_PREFIX}intelse_s3cret`,
} as const;

/** Every kind of caller the authorization tests use. */
export const CALLER_NAMES = [
  'anonymous',
  'customer',
  'otherCustomer',
  'agent',
  'agent2',
  'salesAgent',
  'teamManager',
  'tmRight',
  'tmSales',
  'companyManager',
  'apiKey',
  'otherOrg',
  'integration',
  'integrationRead',
  'integrationElsewhere',
] as const;
export type CallerName = (typeof CALLER_NAMES)[number];
/** A bearer token per caller (`undefined`: anonymous). */
export type CallerTokens = Record<CallerName, string | undefined>;

/** Rights of the team managers; a manager left out keeps what it has (tmRight: every right, tmSales: none). */
export interface CallerRights {
  /** The fixture's manager of Field. */
  teamManager?: string[];
  tmRight?: string[];
  tmSales?: string[];
}

/**
 * Adds the Sales team with an agent and a manager, a second manager of Field and an API key to the
 * fixture — idempotently, so it also runs again after `server.reset()` — and returns every
 * caller's token.
 */
export async function seedCallers(server: TestServer, rights: CallerRights = {}): Promise<CallerTokens> {
  const { db } = server.handle;
  const f = CALLER_FIXTURE;
  const { password_hash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', FIXTURE.agentId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('teams')
    .values({ id: f.salesTeamId, organization_id: FIXTURE.organizationId, parent_id: null, name: 'Sales' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const person = (id: string, email: string, role: 'agent' | 'team-manager', teamId: string | null) => ({
    id,
    organization_id: FIXTURE.organizationId,
    email,
    password_hash,
    role,
    team_id: teamId,
    display_name: id,
  });
  await db
    .insertInto('users')
    .values([
      person(f.tmRightId, f.tmRightEmail, 'team-manager', null),
      person(f.tmSalesId, f.tmSalesEmail, 'team-manager', null),
      person(f.salesAgentId, f.salesAgentEmail, 'agent', f.salesTeamId),
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('team_managers')
    .values([
      { user_id: f.tmRightId, team_id: FIXTURE.fieldTeamId },
      { user_id: f.tmSalesId, team_id: f.salesTeamId },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const granted: [string, string[] | undefined][] = [
    [FIXTURE.teamManagerId, rights.teamManager],
    [f.tmRightId, rights.tmRight ?? MANAGEMENT_RIGHTS],
    [f.tmSalesId, rights.tmSales ?? []],
  ];
  for (const [id, list] of granted) {
    if (list)
      await db
        .updateTable('users')
        .set({ rights: JSON.stringify(list) })
        .where('id', '=', id)
        .execute();
  }
  await db
    .insertInto('api_keys')
    .values({
      id: f.apiKeyId,
      organization_id: FIXTURE.organizationId,
      user_id: FIXTURE.apiManagerId,
      key_hash: sha256('s3cret'),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const integration = (id: string, scopes: string[], portalIds: string[] | null) => ({
    id,
    organization_id: FIXTURE.organizationId,
    name: id,
    token_hash: sha256('s3cret'),
    scopes: JSON.stringify(scopes),
    portal_ids: portalIds ? JSON.stringify(portalIds) : null,
    team_ids: null,
  });
  await db
    .insertInto('integration_tokens')
    .values([
      integration(f.integrationId, [...integrationScopes], null),
      integration(f.integrationReadId, ['summaries:read'], null),
      integration(f.integrationElsewhereId, ['sessions:read', 'summaries:read'], [FIXTURE.closedPortalId]),
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  const [customer, otherCustomer, ...staff] = await Promise.all([
    server.customer(FIXTURE.accessCode),
    server.customer(FIXTURE.otherAccessCode),
    ...[
      FIXTURE.agentEmail,
      FIXTURE.agent2Email,
      f.salesAgentEmail,
      FIXTURE.teamManagerEmail,
      f.tmRightEmail,
      f.tmSalesEmail,
      FIXTURE.managerEmail,
      FIXTURE.otherOrgManagerEmail,
    ].map((email) => server.login(email)),
  ]);
  const [agent, agent2, salesAgent, teamManager, tmRight, tmSales, companyManager, otherOrg] = staff;
  return {
    anonymous: undefined,
    customer,
    otherCustomer,
    agent,
    agent2,
    salesAgent,
    teamManager,
    tmRight,
    tmSales,
    companyManager,
    apiKey: f.apiKey,
    otherOrg,
    integration: f.integration,
    integrationRead: f.integrationRead,
    integrationElsewhere: f.integrationElsewhere,
  };
}

/** One request of a matrix operation. */
export interface MatrixRequest {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An operation of an authorization matrix: the request (built per cell) and each caller's status. */
export interface MatrixOperation<K extends string, C = undefined> {
  name: string;
  request(ctx: C): MatrixRequest | Promise<MatrixRequest>;
  expected: Record<K, number>;
  /**
   * The refusal depends on what the body names (a portal, a team), so a body that cannot be read
   * is refused first (400): the order-of-checks probe of {@link matrix} skips the operation.
   */
  bodyDecidesAccess?: boolean;
}

/** Bodies no operation takes: not an object, and unreadable text (NUL) as key and value. */
const UNREADABLE_BODIES: readonly unknown[] = [[], { '\u0000': '\u0000' }];
/** Refusals that come before validation (authentication → authorization → existence). */
const BEFORE_VALIDATION = new Set([401, 403, 404]);

/**
 * An authorization matrix over `callers` (their order is the column order of `row`).
 * @example
 * const { row, runMatrix } = matrix(['anonymous', 'agent', 'companyManager']);
 * const ops = [{ name: 'GET /v1/me', request: () => ({ method: 'GET', path: '/v1/me' }), expected: row(401, 200, 200) }];
 * const { cells, mismatches } = await runMatrix(server, await seedCallers(server), ops);
 */
export function matrix<const K extends CallerName>(callers: readonly K[]) {
  return {
    callers,
    /** Expected statuses in `callers` order. */
    row: (...statuses: number[]): Record<K, number> =>
      Object.fromEntries(callers.map((c, i) => [c, statuses[i] ?? 0])) as Record<K, number>,
    /**
     * Runs every operation as every caller, each cell on the context `setup` makes (`after` runs
     * after each cell); returns the mismatches (status, or a 4xx/5xx without a problem document)
     * and the number of cells.
     */
    async runMatrix<C, O extends MatrixOperation<K, C>>(
      server: TestServer,
      tokens: Record<K, string | undefined>,
      operations: readonly O[],
      hooks: {
        setup?: (op: O) => C | Promise<C>;
        after?: (op: O, status: number) => void | Promise<void>;
      } = {},
    ): Promise<{ cells: number; mismatches: string[] }> {
      const { setup, after } = hooks;
      const mismatches: string[] = [];
      let cells = 0;
      for (const op of operations) {
        for (const caller of callers) {
          const ctx = (setup ? await setup(op) : undefined) as C;
          const { method, path, body, headers } = await op.request(ctx);
          const res = await server.call(method, path, {
            token: tokens[caller],
            body,
            ...(headers && { headers }),
          });
          const type = res.headers.get('content-type') ?? '';
          if (res.status >= 400 && !type.includes('application/problem+json')) {
            mismatches.push(`${op.name} as ${caller}: ${res.status} without a problem document`);
          }
          // A stream (GET /v1/events) never ends: cancel it; read anything else for the message.
          let text = '';
          if (type.includes('text/event-stream')) await res.body?.cancel();
          else text = await res.text();
          if (res.status !== op.expected[caller]) {
            const got = `${res.status} ${text.slice(0, 200)}`;
            mismatches.push(`${op.name} as ${caller}: expected ${op.expected[caller]}, got ${got}`);
          }
          // Order of checks: a caller refused with a valid body is refused the same with a bad one
          // (never a 400 that tells them the operation's shape).
          if (
            body !== undefined &&
            !op.bodyDecidesAccess &&
            res.status === op.expected[caller] &&
            BEFORE_VALIDATION.has(res.status)
          ) {
            for (const bad of UNREADABLE_BODIES) {
              const probe = await server.call(method, path, {
                token: tokens[caller],
                body: bad,
                ...(headers && { headers }),
              });
              if (probe.status !== res.status) {
                const got = `${probe.status} ${(await probe.text()).slice(0, 200)}`;
                mismatches.push(
                  `${op.name} as ${caller} with body ${JSON.stringify(bad)}: expected ${res.status} (checked before validation), got ${got}`,
                );
              } else await probe.body?.cancel();
            }
          }
          await after?.(op, res.status);
          cells++;
        }
      }
      return { cells, mismatches };
    },
  };
}

/** Every caller of an integration matrix: the nine below and the three integration tokens. */
export const INTEGRATION_CALLERS = [
  'anonymous',
  'customer',
  'agent',
  'teamManager',
  'tmRight',
  'tmSales',
  'companyManager',
  'apiKey',
  'otherOrg',
  'integration',
  'integrationRead',
  'integrationElsewhere',
] as const;

/** The nine callers most matrices cover: anonymous, customer, agent, the three team managers, the company manager, an API key and another organization. */
export const {
  callers: CALLERS,
  row,
  runMatrix,
} = matrix([
  'anonymous',
  'customer',
  'agent',
  'teamManager',
  'tmRight',
  'tmSales',
  'companyManager',
  'apiKey',
  'otherOrg',
]);
export type Caller = (typeof CALLERS)[number];
