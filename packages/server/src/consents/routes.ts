import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  consentEventParty,
  type RecordingConsentStatus,
  transitionRecordingConsent,
} from '@sightline/core/domain';
import { decideSummary } from '../ai-settings/decision.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { idempotency } from '../http/idempotency.js';
import { bearer, IdempotencyKeyHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { featureDisabled } from '../portals/feature-context.js';
import { ProblemError } from '../problems/problem.js';
import { consentToWire, loadVisibleSession, recordConsentRow } from '../sessions/service.js';

export const ConsentSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    kind: z.enum(['recording', 'summary']),
    decision: z.enum(['granted', 'denied', 'revoked']),
    outcome: z.string().openapi({
      description:
        'What the rules made of it: the recording-consent status, or the summary decision and its reason (e.g. `summarize:customer-allowed`).',
    }),
    by: z.object({ kind: z.enum(['customer', 'staff']), participantId: z.string() }),
    at: z.iso.datetime({ offset: true }),
  })
  .openapi('Consent');

const ConsentRequest = z
  .strictObject({
    kind: z.enum(['recording', 'summary']),
    decision: z.enum(['granted', 'denied', 'revoked']),
  })
  .openapi('ConsentRequest');

const ConsentList = z.object({ items: z.array(ConsentSchema) }).openapi('ConsentList');
const Params = z.object({ id: z.string().min(1).max(200) });

const recordConsent = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/consents',
  operationId: 'recordConsent',
  tags: ['consents'],
  summary: 'Record the customer’s answer on recording (VS-10) or AI summaries (SI-3)',
  security: bearer,
  request: { params: Params, headers: IdempotencyKeyHeader, body: jsonBody(ConsentRequest) },
  responses: {
    201: jsonResponse(ConsentSchema, 'The stored record'),
    ...problems(400, 401, 403, 404, 409, 413, 422),
  },
});

const listConsents = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/consents',
  operationId: 'listConsents',
  tags: ['consents'],
  summary: 'Audit trail of consent answers: who, when, what',
  security: bearer,
  request: { params: Params },
  responses: { 200: jsonResponse(ConsentList, 'Oldest first'), ...problems(401, 403, 404) },
});

const EVENT = { granted: 'grant', denied: 'deny', revoked: 'revoke' } as const;
/** Who answers consent questions at all (every answer's party in the domain's table). */
const ANSWERING_PARTIES = new Set<string>(Object.values(EVENT).map((e) => consentEventParty[e]));

/** Consent records: appended through the domain's consent rules, listed as an audit trail. */
export function registerConsentRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  async function outcomeOf(
    principal: Principal,
    sessionId: string,
    /** Read after the session is found and the caller may answer at all (http/deferred-input.ts). */
    answer: () => { kind: 'recording' | 'summary'; decision: keyof typeof EVENT },
  ) {
    const { row } = await loadVisibleSession(services, principal, sessionId);
    if (!ANSWERING_PARTIES.has(principal.actor.kind)) {
      throw ProblemError.forbidden('Only the customer can answer a consent question.');
    }
    const { kind, decision } = answer();
    const event = { type: EVENT[decision] };
    if (principal.actor.kind !== consentEventParty[event.type]) {
      throw ProblemError.forbidden('Only the customer can answer a consent question.');
    }
    if (kind === 'recording') {
      const context = await db
        .selectFrom('portals')
        .select('features')
        .where('id', '=', row.portal_id)
        .executeTakeFirstOrThrow();
      // The customer's side of recording: the portal's mode decides (MC-5); 403 naming the feature.
      if (context.features.recording === 'off') throw featureDisabled('recording');
      const last = await db
        .selectFrom('consents')
        .select('outcome')
        .where('session_id', '=', row.id)
        .where('kind', '=', 'recording')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const current = (last?.outcome ?? row.recording_consent ?? 'not-asked') as RecordingConsentStatus;
      const result = transitionRecordingConsent(current, event);
      if (!result.ok) {
        const { code, reason } = result.rejection;
        throw code === 'forbidden' ? ProblemError.forbidden(reason) : ProblemError.conflict(code, reason);
      }
      return { row, outcome: result.state };
    }
    // The outcome with this answer, from everything the decision depends on (SI-1…SI-6).
    const explained = await decideSummary(db, row.id, {
      customerAnswer: decision === 'granted' ? 'allow' : 'deny',
    });
    return { row, outcome: `${explained.decision}:${explained.reason}` };
  }

  app.use('/v1/sessions/:id/consents', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(recordConsent, async (c) => {
    const principal = c.get('principal');
    const { row, outcome } = await outcomeOf(principal, c.req.valid('param').id, () => c.req.valid('json'));
    const { kind, decision } = c.req.valid('json');
    const consent = await db
      .transaction()
      .execute((trx) => recordConsentRow(trx, services, principal, row, kind, decision, outcome));
    services.handle.notifier.notify();
    return c.json(consentToWire(consent), 201);
  });

  app.openapi(listConsents, async (c) => {
    const { row } = await loadVisibleSession(services, c.get('principal'), c.req.valid('param').id);
    const rows = await db
      .selectFrom('consents')
      .selectAll()
      .where('session_id', '=', row.id)
      .orderBy('id')
      .execute();
    return c.json({ items: rows.map(consentToWire) }, 200);
  });
}
