import type { TeamNode } from '@sightline/core/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { depthOf, hasCycle, MAX_TEAM_DEPTH, reparentRefusal } from './tree.js';

/** Random forests: team i hangs under one of the teams before it, or is a root. */
const forestsOf = (maxLength: number) =>
  fc
    .array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength })
    .map((parents) =>
      parents.map(
        (p, i): TeamNode => ({ id: `t${i}`, parentId: p === null || i === 0 ? null : `t${p % i}` }),
      ),
    );
const forests = forestsOf(14);
/** Small enough that every forest can be created within the depth limit. */
const creatableForests = forestsOf(MAX_TEAM_DEPTH);

const reparent = (teams: readonly TeamNode[], id: string, parentId: string | null) =>
  teams.map((t) => (t.id === id ? { ...t, parentId } : t));

describe('tree rules', () => {
  it('an accepted re-parent never makes a cycle or a tree deeper than the limit', () => {
    fc.assert(
      fc.property(forests, fc.nat(), fc.option(fc.nat(), { nil: null }), (teams, a, b) => {
        const id = teams[a % teams.length]!.id;
        const parentId = b === null ? null : teams[b % teams.length]!.id;
        const refusal = reparentRefusal(id, parentId, teams);
        const next = reparent(teams, id, parentId);
        if (refusal === null) {
          expect(hasCycle(next)).toBe(false);
          // Depth can only grow past the limit if it was past it before the move.
          const before = Math.max(...teams.map((t) => depthOf(t.id, teams)));
          expect(Math.max(...next.map((t) => depthOf(t.id, next)))).toBeLessThanOrEqual(
            Math.max(before, MAX_TEAM_DEPTH),
          );
        } else if (refusal === 'cycle') {
          expect(hasCycle(next)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

forEachBackend('team tree through the API: no cycle is ever persisted (MC-3)', (backend) => {
  let server: TestServer;
  let cm: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    cm = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());

  async function persistedTree(): Promise<TeamNode[]> {
    return server.handle.db
      .selectFrom('teams')
      .select(['id', 'parent_id as parentId'])
      .where('organization_id', '=', FIXTURE.organizationId)
      .where('deleted_at', 'is', null)
      .execute();
  }

  it('random trees, random re-parents (one by one and concurrent): 409 exactly when refused, never a cycle', async () => {
    await fc.assert(
      fc.asyncProperty(
        creatableForests,
        fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: null }), fc.boolean()), {
          minLength: 1,
          maxLength: 10,
        }),
        async (shape, moves) => {
          await server.reset();
          const ids: string[] = [];
          for (const [i, node] of shape.entries()) {
            const parentId = node.parentId === null ? null : ids[Number(node.parentId.slice(1))]!;
            const res = await server.call('POST', '/v1/teams', {
              token: cm,
              body: { name: `T${i}`, parentId },
            });
            expect(res.status).toBe(201);
            ids.push(((await res.json()) as { id: string }).id);
          }
          const pick = (n: number) => ids[n % ids.length]!;
          let batch: Promise<Response>[] = [];
          for (const [a, b, concurrent] of moves) {
            const id = pick(a);
            const parentId = b === null ? null : pick(b);
            if (concurrent) {
              batch.push(server.call('PATCH', `/v1/teams/${id}`, { token: cm, body: { parentId } }));
              continue;
            }
            for (const res of await Promise.all(batch)) expect([200, 409]).toContain(res.status);
            batch = [];
            const expected = reparentRefusal(id, parentId, await persistedTree());
            const res = await server.call('PATCH', `/v1/teams/${id}`, { token: cm, body: { parentId } });
            const body = (await res.json()) as { code?: string };
            if (expected === null) expect(res.status).toBe(200);
            else
              expect([res.status, body.code]).toEqual([
                409,
                expected === 'cycle' ? 'team-cycle' : 'team-too-deep',
              ]);
            expect(hasCycle(await persistedTree())).toBe(false);
          }
          for (const res of await Promise.all(batch)) expect([200, 409]).toContain(res.status);
          const tree = await persistedTree();
          expect(hasCycle(tree)).toBe(false);
          expect(Math.max(...tree.map((t) => depthOf(t.id, tree)))).toBeLessThanOrEqual(MAX_TEAM_DEPTH);
        },
      ),
      { numRuns: backend === 'pglite' ? 25 : 15 },
    );
  }, 240_000);

  it('two teams moved under each other at the same time: one wins, the other gets 409', async () => {
    await server.reset();
    for (let round = 0; round < 20; round++) {
      const make = async (name: string) => {
        const res = await server.call('POST', '/v1/teams', { token: cm, body: { name: `${name}${round}` } });
        return ((await res.json()) as { id: string }).id;
      };
      const [a, b] = await Promise.all([make('A'), make('B')]);
      const results = await Promise.all([
        server.call('PATCH', `/v1/teams/${a}`, { token: cm, body: { parentId: b } }),
        server.call('PATCH', `/v1/teams/${b}`, { token: cm, body: { parentId: a } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
    expect(hasCycle(await persistedTree())).toBe(false);
  });
});
