import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { maySummary, purchaseAddon, SummaryPermission, startOfDateIn } from '@sightline/core/domain';
import { loadSummaryPermissions } from '../ai-settings/permissions.js';
import type { AppEnv, Services } from '../context.js';
import { jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { requireBootstrap } from '../organizations/bootstrap.js';
import { ProblemError } from '../problems/problem.js';
import { creditBalanceOf, recordPurchase } from './ledger-store.js';

const Instant = z.iso.datetime({ offset: true });

export const CreditsSchema = z
  .object({
    total: z.number().int().min(0).openapi({ description: 'Credits left now: monthly plus add-ons.' }),
    plan: z.enum(['business', 'premium', 'corporate', 'tensor']),
    timeZone: z
      .string()
      .openapi({ description: 'The organization’s zone: monthly grants follow its calendar.' }),
    monthly: z.object({
      allowance: z.number().int().openapi({ description: 'Free credits granted on the 1st by plan.' }),
      left: z.number().int().min(0),
      expiresAt: Instant.openapi({ description: 'When this month’s free credits lapse.' }),
      nextGrantAt: Instant,
    }),
    addons: z
      .array(z.object({ left: z.number().int().min(0), expiresAt: Instant }))
      .openapi({ description: 'Purchased credits still valid, oldest first (used after the monthly ones).' }),
    licenceRenewsAt: z.string().nullable().openapi({ description: 'Add-ons are reset at renewal.' }),
    usedThisMonth: z.number().int().min(0).openapi({ description: 'Sessions debited this month.' }),
  })
  .openapi('Credits');

const AddOnRequest = z
  .strictObject({
    organizationId: z.string().min(1).max(200),
    amount: z.number().int().min(1).max(100_000),
    purchaseId: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: 'The billing system’s id of the purchase; a repeat changes nothing.' }),
  })
  .openapi('CreditAddOnRequest');

const AddOnResponse = z
  .object({
    organizationId: z.string(),
    purchaseId: z.string(),
    amount: z.number().int(),
    at: Instant,
    expiresAt: Instant,
    credits: CreditsSchema,
  })
  .openapi('CreditAddOn');

const getCredits = createRoute({
  method: 'get',
  path: '/v1/credits',
  operationId: 'getCredits',
  tags: ['credits'],
  summary: 'The organization’s AI credits: balance, parts and their expiry (SI-11)',
  description: 'Company managers and whoever holds the `ai.settings` summary permission.',
  security: [{ bearerAuth: [] }],
  responses: { 200: jsonResponse(CreditsSchema, 'The balance now'), ...problems(401, 403) },
});

const addOn = createRoute({
  method: 'post',
  path: '/v1/credits/add-ons',
  operationId: 'purchaseCreditAddOn',
  tags: ['credits'],
  summary: 'Record purchased AI credits for an organization (billing integration, SI-11)',
  description:
    'Needs `Authorization: Bearer <SIGHTLINE_BOOTSTRAP_TOKEN>`. The full amount is granted at once, even mid-term, ' +
    'valid until the licence renews (then reset, no rollover). The same `purchaseId` again answers 200 with ' +
    'the first purchase and grants nothing; with another amount it is refused (409).',
  security: [{ bootstrapToken: [] }],
  request: { body: jsonBody(AddOnRequest) },
  responses: {
    201: jsonResponse(AddOnResponse, 'Granted'),
    200: jsonResponse(AddOnResponse, 'This purchase was recorded before; nothing new granted'),
    ...problems(400, 401, 403, 404, 409, 413, 422),
  },
});

/** `GET /v1/credits` and the billing integration's `POST /v1/credits/add-ons` (SI-11). */
export function registerCreditRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(getCredits, async (c) => {
    const { actor } = c.get('principal');
    if (actor.kind !== 'staff') throw ProblemError.forbidden('Only staff see AI credits.');
    const grants = await loadSummaryPermissions(db, actor.organizationId);
    if (!maySummary(actor, SummaryPermission.settings, grants)) {
      throw ProblemError.forbidden('Seeing AI credits needs the `ai.settings` permission.');
    }
    return c.json(await creditBalanceOf(db, actor.organizationId, services.clock()), 200);
  });

  app.openapi(addOn, async (c) => {
    requireBootstrap(services, c);
    const body = c.req.valid('json');
    const now = services.clock();
    const org = await db
      .selectFrom('organizations')
      .select(['id', 'time_zone', (eb) => eb.cast<string | null>('licence_renews_at', 'text').as('licence')])
      .where('id', '=', body.organizationId)
      .executeTakeFirst();
    if (!org) throw ProblemError.notFound('No organization with this id.');
    // A billing system's purchase id names one purchase: a repeat answers what was recorded (even
    // after the licence moved on); for another organization or amount it is a reused id.
    const known = await db
      .selectFrom('credit_ledger')
      .select(['organization_id', 'amount', 'at', 'expires_at'])
      .where('type', '=', 'grant-addon')
      .where('purchase_id', '=', body.purchaseId)
      .executeTakeFirst();
    const reply = async (recorded: { amount: number; at: string; expiresAt: string }, status: 200 | 201) =>
      c.json(
        {
          organizationId: org.id,
          purchaseId: body.purchaseId,
          ...recorded,
          credits: await creditBalanceOf(db, org.id, now),
        },
        status,
      );
    const reused = (existing: { organizationId: string; amount: number }) => {
      if (existing.organizationId !== org.id) {
        throw ProblemError.conflict(
          'purchase-id-reused',
          `Purchase ${body.purchaseId} was recorded for another organization.`,
        );
      }
      if (existing.amount !== body.amount) {
        throw ProblemError.conflict(
          'purchase-id-reused',
          `Purchase ${body.purchaseId} was recorded with ${existing.amount} credits, not ${body.amount}.`,
        );
      }
    };
    if (known) {
      reused({ organizationId: known.organization_id, amount: known.amount });
      return reply(
        {
          amount: known.amount,
          at: new Date(known.at).toISOString(),
          expiresAt: new Date(known.expires_at as string | Date).toISOString(),
        },
        200,
      );
    }
    if (!org.licence) {
      throw ProblemError.conflict(
        'no-licence-date',
        'The organization has no licence renewal date; add-on credits are valid until it, so set it first.',
      );
    }
    const purchase = purchaseAddon(
      body.amount,
      startOfDateIn(org.licence, org.time_zone).toISOString(),
      now,
      body.purchaseId,
    );
    if (!purchase.ok) {
      throw ProblemError.conflict(
        'licence-expired',
        'The licence has already expired: renew it before buying credits.',
      );
    }
    const entry = purchase.entry as Extract<typeof purchase.entry, { type: 'grant-addon' }>;
    // Two first requests at once: the unique index keeps one; the other answers like a repeat.
    const result = await db.transaction().execute((trx) => recordPurchase(trx, org.id, entry));
    if (result.existing) {
      reused({ organizationId: org.id, amount: result.existing.amount });
      return reply(result.existing, 200);
    }
    return reply({ amount: entry.amount, at: entry.at, expiresAt: entry.expiresAt }, 201);
  });
}
