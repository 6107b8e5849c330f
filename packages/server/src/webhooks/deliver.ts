import { type Kysely, sql } from 'kysely';
import type { Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { mailerOf } from '../mail/mailer.js';
import { MAX_ATTEMPTS } from './fanout.js';
import { endpointDisabledMail } from './mail.js';
import { type AttemptResult, postWebhook } from './send.js';
import { disableEndpoint, type EndpointRow, signingSecrets } from './store.js';

/**
 * Waits before the 2nd … 8th attempt, the Standard Webhooks / Svix schedule: 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h (≈ 28 h in all), each with ±10 % jitter.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

/** The wait after failed attempt number `attempt` (1-based), with jitter from `random` ∈ [0, 1). */
export function retryDelayMs(attempt: number, random: number = Math.random()): number {
  const base = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] ?? 0;
  return Math.round(base * (0.9 + 0.2 * random));
}

/** Deliveries taken per round. */
const CLAIM_BATCH = 10;

interface Claimed {
  id: string;
  endpoint_id: string;
  payload: string;
  attempts: number;
  give_up_after: number;
}

/**
 * Takes due deliveries of enabled endpoints: counts the attempt and pushes `next_attempt_at` past a
 * lease, so a dead worker's delivery is due again after it (at-least-once). `for update skip locked`
 * lets replicas claim side by side; the outer conditions refuse a row taken meanwhile.
 */
async function claim(db: Kysely<Database>, now: Date, leaseMs: number): Promise<Claimed[]> {
  const lease = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<Claimed>`
    update webhook_deliveries set attempts = attempts + 1, next_attempt_at = ${lease}, updated_at = ${now}
    where id in (
      select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= ${now} and e.enabled
      order by d.next_attempt_at, d.seq limit ${CLAIM_BATCH}
      for update of d skip locked)
      and status = 'pending' and next_attempt_at <= ${now}
    returning id, endpoint_id, payload, attempts, give_up_after`.execute(db);
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), give_up_after: Number(r.give_up_after) }));
}

export interface DeliveryOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  disableAfterMs: number;
  random?: () => number;
}

/** Disables the endpoint and, when this call did, mails the organization's company managers. */
async function disableAndTell(
  services: Services,
  trx: Kysely<Database>,
  endpoint: EndpointRow,
  reason: 'endpoint-gone' | 'failing',
  now: Date,
  disableAfterMs: number,
): Promise<boolean> {
  const disabled = await disableEndpoint(trx, endpoint.id, reason, now);
  if (!disabled) return false;
  const managers = await trx
    .selectFrom('users')
    .select(['email', 'display_name', 'language'])
    .where('organization_id', '=', endpoint.organization_id)
    .where('role', '=', 'company-manager')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const mailer = mailerOf(services);
  for (const manager of managers) {
    await mailer.enqueue(
      trx,
      endpointDisabledMail({
        organizationId: endpoint.organization_id,
        to: { email: manager.email, name: manager.display_name, language: manager.language },
        endpoint: { id: endpoint.id, url: endpoint.url },
        reason,
        failingDays: Math.round(disableAfterMs / 86_400_000),
      }),
    );
  }
  return true;
}

/** Records an attempt and what follows from it, in one transaction. */
async function record(
  services: Services,
  job: Claimed,
  endpoint: EndpointRow,
  at: Date,
  result: AttemptResult,
  options: DeliveryOptions,
): Promise<boolean> {
  const { db } = services.handle;
  const now = services.clock();
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  let mailed = false;
  await db.transaction().execute(async (trx) => {
    // Locks in the order endpoint, then delivery (as disabling takes them). Attempts of one endpoint
    // record one at a time; after one disabled it, the others fail too.
    const current = await trx
      .selectFrom('webhook_endpoints')
      .select('enabled')
      .where('id', '=', endpoint.id)
      .forUpdate()
      .executeTakeFirst();
    // The endpoint (and so the delivery) may have been deleted during the attempt.
    const still = await trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('id', '=', job.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current || !still) return;
    const stillEnabled = current.enabled;
    await trx
      .insertInto('webhook_attempts')
      .values({
        delivery_id: job.id,
        at,
        status_code: result.statusCode,
        duration_ms: result.durationMs,
        error: result.error?.slice(0, 1000) ?? null,
        response_excerpt: result.responseExcerpt,
      })
      .execute();
    const common = {
      last_status_code: result.statusCode,
      last_error: result.error?.slice(0, 1000) ?? null,
      updated_at: now,
    };
    if (ok) {
      await trx
        .updateTable('webhook_deliveries')
        .set({ ...common, status: 'delivered', delivered_at: now, next_attempt_at: null })
        .where('id', '=', job.id)
        .execute();
      await trx
        .updateTable('webhook_endpoints')
        .set({ last_success_at: now, failing_since: null })
        .where('id', '=', endpoint.id)
        .execute();
      return;
    }
    const gone = result.statusCode === 410;
    const giveUp = gone || !stillEnabled || job.attempts >= job.give_up_after;
    await trx
      .updateTable('webhook_deliveries')
      .set({
        ...common,
        status: giveUp ? 'failed' : 'pending',
        next_attempt_at: giveUp
          ? null
          : new Date(now.getTime() + retryDelayMs(job.attempts, (options.random ?? Math.random)())),
      })
      .where('id', '=', job.id)
      .execute();
    const failing = await trx
      .updateTable('webhook_endpoints')
      .set({ failing_since: sql`coalesce(failing_since, ${at})` })
      .where('id', '=', endpoint.id)
      .returning('failing_since')
      .executeTakeFirst();
    const since = failing?.failing_since ? new Date(failing.failing_since).getTime() : now.getTime();
    if (gone) {
      mailed = await disableAndTell(services, trx, endpoint, 'endpoint-gone', now, options.disableAfterMs);
    } else if (now.getTime() - since >= options.disableAfterMs) {
      mailed = await disableAndTell(services, trx, endpoint, 'failing', now, options.disableAfterMs);
    }
  });
  return mailed;
}

/**
 * One round: claims due deliveries and POSTs each (in parallel), recording every attempt. Returns
 * how many were attempted (0: nothing was due).
 */
export async function deliverDue(services: Services, options: DeliveryOptions): Promise<number> {
  const { db } = services.handle;
  const now = services.clock();
  const jobs = await claim(db, now, options.timeoutMs + 30_000);
  if (jobs.length === 0) return 0;
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', 'in', [...new Set(jobs.map((j) => j.endpoint_id))])
    .execute();
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  let mailed = false;
  await Promise.all(
    jobs.map(async (job) => {
      const endpoint = byId.get(job.endpoint_id);
      if (!endpoint) return;
      const result = await postWebhook({
        url: endpoint.url,
        msgId: job.id,
        at: now,
        body: job.payload,
        secrets: signingSecrets(endpoint, now),
        timeoutMs: options.timeoutMs,
        allowPrivate: options.allowPrivate,
      });
      if (await record(services, job, endpoint, now, result, options)) mailed = true;
    }),
  );
  if (mailed) mailerOf(services).kick();
  return jobs.length;
}

/** Deletes delivered and failed deliveries (and their attempts) older than `before`. */
export async function pruneDeliveries(db: Kysely<Database>, before: Date): Promise<void> {
  await db
    .deleteFrom('webhook_deliveries')
    .where('status', 'in', ['delivered', 'failed'])
    .where('created_at', '<', before)
    .execute();
}

export { MAX_ATTEMPTS };
