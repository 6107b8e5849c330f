import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, jsonResponse, problems } from '../openapi/common.js';
import { createTestServer, FIXTURE, type TestServer } from '../testing/harness.js';
import { codesOf, PROBLEM_TYPES, type ProblemCode } from './catalog.js';
import { ProblemError } from './problem.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Where the server makes a problem with a literal status and code, and the helpers that fix one. */
const MADE = [
  /new ProblemError\(\s*(\d{3}),\s*'([a-z0-9-]+)'/g,
  /problem\(\s*(\d{3}),\s*'([a-z0-9-]+)'/g,
  /ProblemError\.(conflict)\(\s*'([a-z0-9-]+)'/g,
  /ProblemError\.(unprocessable)\(\s*'([a-z0-9-]+)'/g,
  /\bgone\(\s*'([a-z0-9-]+)'()/g,
];
const HELPER_STATUS: Record<string, number> = { conflict: 409, unprocessable: 422 };

describe('the problem catalog (issue 14)', () => {
  it('every problem the server makes carries a status its code is listed with', () => {
    const found: string[] = [];
    const wrong: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of MADE) {
        for (const m of text.matchAll(pattern)) {
          const [status, code] = pattern.source.startsWith('\\bgone')
            ? [410, m[1]!]
            : [HELPER_STATUS[m[1]!] ?? Number(m[1]), m[2]!];
          found.push(code);
          const type = PROBLEM_TYPES[code as ProblemCode] as { statuses: readonly number[] } | undefined;
          if (!type?.statuses.includes(status)) wrong.push(`${file.slice(SRC.length)}: ${status} ${code}`);
        }
      }
    }
    expect(found.length).toBeGreaterThan(60);
    expect(wrong).toEqual([]);
  });

  it('codes limited to tags are offered only to operations with one of them', () => {
    expect(codesOf(409, ['teams'])).toContain('team-cycle');
    expect(codesOf(409, ['sessions'])).not.toContain('team-cycle');
    // Everyone's codes are offered to every operation.
    expect(codesOf(409, ['sessions'])).toContain('idempotency-key-in-progress');
    expect(codesOf(404, [])).toEqual(['not-found']);
  });
});

describe('problem answers held to the contract (issue 14)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite');
  });
  afterAll(async () => server.close());

  it('the contract names the problem types of each status of each operation', async () => {
    type Schema = { $ref?: string; allOf?: Array<{ properties?: { code?: { enum?: string[] } } }> };
    const doc = (await (await server.call('GET', '/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }> }
        >
      >;
      components: { schemas: Record<string, Schema> };
    };
    const codesAt = (path: string, method: string, status: string) => {
      const ref =
        doc.paths[path]![method]!.responses[status]!.content!['application/problem+json']!.schema.$ref!;
      return doc.components.schemas[ref.split('/').pop()!]!.allOf![1]!.properties!.code!.enum;
    };
    const teamConflict = doc.paths['/v1/teams/{id}']!.patch!.responses['409']!;
    expect(codesAt('/v1/teams/{id}', 'patch', '409')).toEqual(codesOf(409, ['teams']));
    expect(codesAt('/v1/teams/{id}', 'patch', '409')).toContain('team-cycle');
    expect(codesAt('/v1/teams/{id}', 'patch', '409')).not.toContain('chat-closed');
    expect(teamConflict.description).toContain('`team-cycle` (');
    // Operations alike share one schema.
    expect(
      doc.paths['/v1/teams/{id}']!.delete!.responses['409']!.content!['application/problem+json']!.schema
        .$ref,
    ).toBe('#/components/schemas/Problem409Teams');
    expect(codesAt('/v1/sessions/{id}', 'get', '404')).toEqual(['not-found']);
  });

  it('a route answering a problem its operation does not name → 500 naming the breach', async () => {
    // A server with a route for this test only, added before its first request: it documents 404
    // and answers a conflict.
    const other = await createTestServer('pglite');
    try {
      other.app.openapi(
        createRoute({
          method: 'get',
          path: '/v1/contract-breach',
          operationId: 'contractBreach',
          tags: ['teams'],
          security: bearer,
          responses: { 200: jsonResponse(z.object({}), 'never'), ...problems(401, 404) },
        }),
        () => {
          throw ProblemError.conflict('team-cycle', 'Not documented here.');
        },
      );
      const token = await other.login(FIXTURE.managerEmail);
      const res = await other.call('GET', '/v1/contract-breach', { token });
      expect(res.status).toBe(500);
      expect(((await res.json()) as { detail: string }).detail).toContain('status 409 is not documented');
    } finally {
      await other.close();
    }
  });
});
