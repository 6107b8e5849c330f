import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { canViewSession, maySummary, type SummaryPermission } from '@sightline/core/domain';
import { sql } from 'kysely';
import { loadSummaryPermissions } from '../ai-settings/permissions.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { appendEvent } from '../events/outbox.js';
import { checkIfMatch, versionEtag } from '../http/etag.js';
import { bearer, IfMatchHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { loadVisibleSession } from '../sessions/service.js';
import { scopeOf } from '../sessions/store.js';
import { contentDisposition, toMarkdown, toPdf } from './export.js';
import type { SummaryWire } from './schemas.js';
import {
  ExportQuery,
  SessionSummary,
  SummaryFilters,
  SummaryIdParams,
  SummaryList,
  SummaryListQuery,
  SummaryOverview,
  SummaryPatch,
  SummarySchema,
} from './schemas.js';
import {
  applyFilters,
  decodeCursor,
  encodeCursor,
  type SummaryWithContext,
  summariesQuery,
  summariesToWire,
  summaryScope,
} from './store.js';

const tags = ['summaries'];
const Problems403 = 'Needs the summary permission named in the problem (SI-5).';

const list = createRoute({
  method: 'get',
  path: '/v1/summaries',
  operationId: 'listSummaries',
  tags,
  summary: 'AI summaries of the sessions the caller may see, newest first (SI-7, SI-9)',
  description: `Staff with \`summaries.view\`. Keyset pagination with \`cursor\`. ${Problems403}`,
  security: bearer,
  request: { query: SummaryListQuery },
  responses: { 200: jsonResponse(SummaryList, 'A page of summaries'), ...problems(400, 401, 403) },
});

const overview = createRoute({
  method: 'get',
  path: '/v1/summaries/overview',
  operationId: 'summaryOverview',
  tags,
  summary: 'Counts per issue type and per application for a filter (SI-9)',
  security: bearer,
  request: { query: SummaryFilters },
  responses: { 200: jsonResponse(SummaryOverview, 'The overview'), ...problems(400, 401, 403) },
});

const getOne = createRoute({
  method: 'get',
  path: '/v1/summaries/{id}',
  operationId: 'getSummary',
  tags,
  summary: 'One summary (ETag: its version)',
  security: bearer,
  request: { params: SummaryIdParams },
  responses: { 200: jsonResponse(SummarySchema, 'The summary'), ...problems(401, 403, 404) },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/summaries/{id}',
  operationId: 'editSummary',
  tags,
  summary: 'Edit a summary; who and when are kept (SI-8)',
  description:
    'Staff with `summaries.edit`. `If-Match` with the ETag read is required (428 without); a stale one is 412.',
  security: bearer,
  request: { params: SummaryIdParams, headers: IfMatchHeader, body: jsonBody(SummaryPatch) },
  responses: {
    200: jsonResponse(SummarySchema, 'The summary after the edit'),
    ...problems(400, 401, 403, 404, 409, 412, 413, 428),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/summaries/{id}',
  operationId: 'deleteSummary',
  tags,
  summary: 'Delete a summary (SI-8); the session says it was deleted',
  description: 'Staff with `summaries.delete`.',
  security: bearer,
  request: { params: SummaryIdParams, headers: IfMatchHeader },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 412) },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/v1/summaries/{id}/export',
  operationId: 'exportSummary',
  tags,
  summary: 'Download a summary as Markdown, JSON or PDF (SI-8)',
  description: 'Staff with `summaries.export`. Answered as an attachment with a file name.',
  security: bearer,
  request: { params: SummaryIdParams, query: ExportQuery },
  responses: {
    200: {
      description: 'The file',
      content: {
        'text/markdown': { schema: z.string() },
        'application/json': { schema: SummarySchema },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...problems(400, 401, 403, 404),
  },
});

const forSession = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/summary',
  operationId: 'getSessionSummary',
  tags,
  summary: 'The summary state of a session: not yet, generating, ready, or not made and why (SI-7)',
  security: bearer,
  request: { params: SummaryIdParams },
  responses: { 200: jsonResponse(SessionSummary, 'The state'), ...problems(401, 403, 404) },
});

/** The summaries API (SI-5, SI-7…SI-10). */
export function registerSummaryRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  /** The actions besides reading the caller may take (SI-5), for the `allowed` field. */
  async function allowedFor(principal: Principal): Promise<SummaryWire['allowed']> {
    const grants = await loadSummaryPermissions(db, principal.actor.organizationId);
    return (['summaries.edit', 'summaries.delete', 'summaries.export'] as const).filter((p) =>
      maySummary(principal.actor, p, grants),
    );
  }

  async function require(principal: Principal, permission: SummaryPermission) {
    const { actor } = principal;
    if (actor.kind !== 'staff' && actor.kind !== 'integration')
      throw ProblemError.forbidden('Summaries are for staff and integration tokens.');
    const grants = await loadSummaryPermissions(db, actor.organizationId);
    if (!maySummary(actor, permission, grants)) {
      throw ProblemError.forbidden(`This needs the \`${permission}\` summary permission.`);
    }
    return actor;
  }

  /** A summary the caller may see: 404 outside the organization or deleted, 403 for a session not theirs. */
  async function visible(principal: Principal, id: string, permission: SummaryPermission) {
    const actor = await require(principal, permission);
    const row = await summariesQuery(db, actor.organizationId)
      .where('m.id', '=', id)
      .where('m.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw ProblemError.notFound('No summary with this id.');
    const teams = await services.teamsOf(actor.organizationId);
    const scope = summaryScope(row);
    if (!canViewSession(actor, scope, teams)) throw ProblemError.forbidden('You may not see this session.');
    return row as SummaryWithContext;
  }

  app.openapi(list, async (c) => {
    const actor = await require(c.get('principal'), 'summaries.view');
    const { cursor, limit, ...filters } = c.req.valid('query');
    const teams = await services.teamsOf(actor.organizationId);
    const out: SummaryWithContext[] = [];
    let after = cursor ? decodeCursor(cursor) : undefined;
    if (cursor && !after) throw ProblemError.badRequest('`cursor` is not one this API gave out.');
    // Pages are filtered by the visibility rule after SQL narrowed them; read on until the page is full.
    for (let round = 0; round < 20 && out.length < limit; round++) {
      let q = applyFilters(summariesQuery(db, actor.organizationId), filters);
      if (after) {
        const { at, id } = after;
        q = q.where(sql<boolean>`(m.created_at, m.id) < (${new Date(at)}, ${id})`);
      }
      const batch = (await q
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(limit + 1)
        .execute()) as SummaryWithContext[];
      for (const row of batch.slice(0, limit)) {
        const scope = summaryScope(row);
        if (out.length < limit && canViewSession(actor, scope, teams)) out.push(row);
      }
      const last = batch.slice(0, limit).at(-1);
      if (batch.length <= limit || !last) {
        after = undefined;
        break;
      }
      after = { at: new Date(last.created_at).toISOString(), id: last.id };
    }
    const lastOut = out.at(-1);
    const more = out.length === limit && lastOut !== undefined;
    return c.json(
      {
        items: await summariesToWire(db, actor.organizationId, out, await allowedFor(c.get('principal'))),
        nextCursor: more ? encodeCursor(lastOut) : null,
      },
      200,
    );
  });

  app.openapi(overview, async (c) => {
    const actor = await require(c.get('principal'), 'summaries.view');
    const teams = await services.teamsOf(actor.organizationId);
    const rows = (await applyFilters(
      summariesQuery(db, actor.organizationId),
      c.req.valid('query'),
    ).execute()) as SummaryWithContext[];
    const issueTypes = new Map<string, number>();
    const applications = new Map<string, { label: string; count: number }>();
    let total = 0;
    for (const row of rows) {
      const scope = summaryScope(row);
      if (!canViewSession(actor, scope, teams)) continue;
      total++;
      const type = row.issue_type ?? 'other';
      issueTypes.set(type, (issueTypes.get(type) ?? 0) + 1);
      for (const name of new Set(row.applications.map((a) => a.toLowerCase()))) {
        const label = row.applications.find((a) => a.toLowerCase() === name) ?? name;
        const entry = applications.get(name) ?? { label, count: 0 };
        entry.count++;
        applications.set(name, entry);
      }
    }
    const sorted = (entries: { key: string; count: number }[]) =>
      entries.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    return c.json(
      {
        total,
        issueTypes: sorted([...issueTypes].map(([key, count]) => ({ key, count }))),
        applications: sorted([...applications.values()].map(({ label, count }) => ({ key: label, count }))),
      },
      200,
    );
  });

  app.openapi(getOne, async (c) => {
    const principal = c.get('principal');
    const row = await visible(principal, c.req.valid('param').id, 'summaries.view');
    const [wire] = await summariesToWire(
      db,
      principal.actor.organizationId,
      [row],
      await allowedFor(principal),
    );
    return c.json(wire as NonNullable<typeof wire>, 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(patch, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const ifMatch = c.req.valid('header')['if-match'];
    const row = await visible(principal, id, 'summaries.edit');
    // Text people wrote: an edit must name the version it was made on, so none is overwritten unseen.
    if (ifMatch === undefined) {
      throw new ProblemError(
        428,
        'precondition-required',
        'Send If-Match with the ETag of the summary as you read it.',
      );
    }
    if (row.status !== 'ready')
      throw ProblemError.conflict('summary-not-ready', 'Only a summary that was made can be edited.');
    const now = services.clock();
    await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('summaries')
        .select(['version'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      checkIfMatch(ifMatch, current.version, 'The summary changed since you read it; reload and retry.');
      await trx
        .updateTable('summaries')
        .set({
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.problem !== undefined ? { problem: body.problem } : {}),
          ...(body.steps !== undefined ? { steps: JSON.stringify(body.steps) } : {}),
          ...(body.resolution !== undefined ? { resolution: body.resolution } : {}),
          ...(body.followUps !== undefined ? { follow_ups: JSON.stringify(body.followUps) } : {}),
          ...(body.issueType !== undefined ? { issue_type: body.issueType } : {}),
          ...(body.applications !== undefined ? { applications: JSON.stringify(body.applications) } : {}),
          ...(body.devices !== undefined ? { devices: JSON.stringify(body.devices) } : {}),
          edited_by: principal.actor.kind === 'staff' ? principal.actor.userId : null,
          edited_by_integration: principal.actor.kind === 'integration' ? principal.actor.tokenId : null,
          edited_at: now,
          version: current.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      const session = await trx
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', row.session_id)
        .executeTakeFirstOrThrow();
      await appendEvent(trx, services.handle, {
        organizationId: row.organization_id,
        type: 'summary.updated',
        sessionId: row.session_id,
        scope: scopeOf(session),
        data: {
          summaryId: id,
          sessionId: row.session_id,
          status: 'ready',
          reason: null,
          editedBy: principal.subject,
        },
      });
    });
    services.handle.notifier.notify();
    const fresh = (await summariesQuery(db, row.organization_id)
      .where('m.id', '=', id)
      .executeTakeFirstOrThrow()) as SummaryWithContext;
    const [wire] = await summariesToWire(db, row.organization_id, [fresh], await allowedFor(principal));
    return c.json(wire as NonNullable<typeof wire>, 200, { ETag: versionEtag(fresh.version) });
  });

  app.openapi(remove, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const row = await visible(principal, id, 'summaries.delete');
    const now = services.clock();
    await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('summaries')
        .select(['version'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      checkIfMatch(
        c.req.valid('header')['if-match'],
        current.version,
        'The summary changed since you read it; reload and retry.',
      );
      await trx
        .updateTable('summaries')
        .set({
          deleted_at: now,
          deleted_by: principal.subject,
          version: current.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      const session = await trx
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', row.session_id)
        .executeTakeFirstOrThrow();
      await appendEvent(trx, services.handle, {
        organizationId: row.organization_id,
        type: 'summary.deleted',
        sessionId: row.session_id,
        scope: scopeOf(session),
        data: { summaryId: id, sessionId: row.session_id, status: 'deleted', reason: null },
      });
    });
    services.handle.notifier.notify();
    return c.body(null, 204);
  });

  app.openapi(exportRoute, async (c) => {
    const principal = c.get('principal');
    const row = await visible(principal, c.req.valid('param').id, 'summaries.export');
    if (row.status !== 'ready')
      throw ProblemError.conflict('summary-not-ready', 'Only a summary that was made can be exported.');
    const [wire] = await summariesToWire(db, principal.actor.organizationId, [row]);
    const summary = wire as NonNullable<typeof wire>;
    const { format } = c.req.valid('query');
    const attachment = (ext: string) => contentDisposition(summary, ext);
    if (format === 'json') {
      return c.json(summary, 200, { 'Content-Disposition': attachment('json') });
    }
    if (format === 'pdf') {
      const bytes = await toPdf(summary);
      return c.body(bytes as unknown as ArrayBuffer, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': attachment('pdf'),
      }) as never;
    }
    return c.body(toMarkdown(summary), 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': attachment('md'),
    }) as never;
  });

  app.openapi(forSession, async (c) => {
    const principal = c.get('principal');
    await require(principal, 'summaries.view');
    const { row: session } = await loadVisibleSession(services, principal, c.req.valid('param').id);
    const [summary, job] = await Promise.all([
      summariesQuery(db, session.organization_id).where('m.session_id', '=', session.id).executeTakeFirst(),
      db
        .selectFrom('summary_jobs')
        .select(['status'])
        .where('session_id', '=', session.id)
        .executeTakeFirst(),
    ]);
    const row = summary as SummaryWithContext | undefined;
    if (row?.deleted_at) return c.json({ state: 'deleted' as const, reason: null, summary: null }, 200);
    if (row && row.status !== 'generating' && job?.status !== 'pending') {
      const [wire] = await summariesToWire(db, session.organization_id, [row], await allowedFor(principal));
      return c.json({ state: row.status, reason: row.reason, summary: wire ?? null }, 200);
    }
    if (row || job) {
      return c.json(
        {
          state: row?.status === 'generating' ? ('generating' as const) : ('pending' as const),
          reason: null,
          summary: null,
        },
        200,
      );
    }
    return c.json({ state: 'not-applicable' as const, reason: null, summary: null }, 200);
  });
}
