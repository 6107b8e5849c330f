import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, Services } from '../context.js';
import { idempotency } from '../http/idempotency.js';
import { assertReadableFile } from '../http/text-guard.js';
import { bearer, IdempotencyKeyHeader, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError, ProblemSchema, problem, problemResponse } from '../problems/problem.js';
import { importUsers } from './import.js';

/** Import files may be this large (10,000 rows are about 1 MB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const IMPORT_PATH = '/v1/users/import';

/** The import sets its own body limit instead of the JSON one. */
export function hasImportBodyLimit(method: string, path: string): boolean {
  return method === 'POST' && path === IMPORT_PATH;
}

const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    users: z.array(
      z.object({ line: z.number().int(), id: z.string(), email: z.string(), teamId: z.string() }),
    ),
    teams: z
      .array(z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() }))
      .openapi({ description: 'Teams created (in a dry run: that would be created; ids are provisional).' }),
    passwordsPending: z.number().int().openapi({
      description:
        'Large imports hash passwords after answering (argon2id at OWASP’s minimum costs ~15 ms each); those users sign in once theirs is stored.',
    }),
  })
  .openapi('UserImportResult');

const ImportProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    errors: z.array(
      z.object({
        path: z.string().openapi({ example: 'line 7.email' }),
        line: z.number().int().openapi({ description: 'Line of the file where the row starts (1: header).' }),
        field: z.string(),
        message: z.string(),
      }),
    ),
  })
  .openapi('UserImportProblem');

const importRoute = createRoute({
  method: 'post',
  path: IMPORT_PATH,
  operationId: 'importUsers',
  tags: ['users'],
  summary: 'Add agents in bulk from CSV; any bad row imports nothing (MC-4)',
  description:
    'UTF-8 CSV (BOM allowed), a header row, columns `parent team`, `team`, `user id` (the email), `first name`, ' +
    '`last name`, `password`, `screen name`, `custom field` (any order; German names accepted). Missing teams are ' +
    'created under the named parent. Every bad row is reported (422) with its line. `?dryRun=true` only checks. ' +
    `At most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`,
  security: bearer,
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    headers: IdempotencyKeyHeader,
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    201: jsonResponse(ImportResultSchema, 'Imported'),
    200: jsonResponse(ImportResultSchema, 'Dry run: what would be imported'),
    422: {
      description:
        'Bad rows, each with its line (nothing imported); or an Idempotency-Key reused with another file',
      content: { 'application/problem+json': { schema: z.union([ImportProblem, ProblemSchema]) } },
    },
    ...problems(400, 401, 403, 409, 413, 415),
  },
});

/** `POST /v1/users/import`. */
export function registerUserImportRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.use(
    IMPORT_PATH,
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () =>
        problemResponse(
          problem(413, 'body-too-large', `Import files are limited to ${MAX_IMPORT_BYTES} bytes.`),
        ),
    }),
  );
  // A retry with the same Idempotency-Key and file answers the first result and imports nothing twice.
  app.use(IMPORT_PATH, (c, next) => (c.req.method === 'POST' ? idempotency(services)(c, next) : next()));
  app.openapi(importRoute, async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/csv')
      throw new ProblemError(415, 'unsupported-media-type', 'Send the file as text/csv.');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw ProblemError.badRequest('The file is not UTF-8.');
    }
    // NUL, control characters: 400 naming the line, nothing imported.
    assertReadableFile(text, 'csv');
    const dryRun = c.req.valid('query').dryRun === 'true';
    const result = await importUsers(services, c.get('principal').actor, text, { dryRun });
    return c.json(result, dryRun ? 200 : 201);
  });
}
