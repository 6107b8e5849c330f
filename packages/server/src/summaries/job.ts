import { randomUUID } from 'node:crypto';
import type { SummaryLanguage } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import { decideSummary } from '../ai-settings/decision.js';
import type { Services } from '../context.js';
import { debitSessionCredit } from '../credits/ledger-store.js';
import type { Database } from '../db/schema.js';
import { appendEvent } from '../events/outbox.js';
import { scopeOf } from '../sessions/store.js';
import {
  loadSummaryInput,
  type Summarizer,
  SummarizerError,
  type SummaryResult,
} from '../summarizers/index.js';

/** Attempts of a job before it is given up as `failed` (the summarizer retries inside each). */
export const MAX_ATTEMPTS = 4;

/**
 * Queues the summary job of a session in the transaction that completes it (SI-7): a row per
 * session; a reopened session that completes again queues it again (a regeneration, no second
 * credit).
 */
export async function enqueueSummaryJob(
  trx: Kysely<Database>,
  session: { id: string; organization_id: string },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('summary_jobs')
    .values({
      session_id: session.id,
      organization_id: session.organization_id,
      status: 'pending',
      run_after: now,
    })
    .onConflict((oc) =>
      oc.column('session_id').doUpdateSet({
        status: 'pending',
        attempts: 0,
        run_after: now,
        locked_until: null,
        last_error: null,
        updated_at: now,
      }),
    )
    .execute();
}

/**
 * Takes one due job with a lease. One UPDATE … RETURNING decides who owns it: `for update skip
 * locked` lets concurrent workers on other replicas pass over a row being taken and pick the next
 * one (PostgreSQL), the repeated conditions of the outer update refuse a row taken meanwhile, and
 * PGlite runs one statement at a time. A job whose lease ran out (its worker died) is due again.
 */
async function claim(db: Kysely<Database>, now: Date, leaseMs: number, sessionId?: string) {
  const { rows } = await sql<{ session_id: string; organization_id: string; attempts: number }>`
    update summary_jobs set status = 'running', attempts = attempts + 1,
      locked_until = ${new Date(now.getTime() + leaseMs)}, updated_at = ${now}
    where session_id = (
      select session_id from summary_jobs
      where status <> 'done' and run_after <= ${now} and (locked_until is null or locked_until <= ${now})
        ${sessionId ? sql`and session_id = ${sessionId}` : sql``}
      order by run_after limit 1
      for update skip locked)
      and status <> 'done' and (locked_until is null or locked_until <= ${now})
    returning session_id, organization_id, attempts`.execute(db);
  return rows[0];
}

type Outcome =
  | { status: 'ready'; result: SummaryResult; summarizer: string }
  | { status: 'skipped' | 'failed'; reason: string };

/**
 * Writes the outcome with the job's end in one transaction: the debit (at most one per session),
 * the summary row (one per session), `done`, and the event. A kill before it commits leaves the job
 * to be claimed again after its lease; after it, nothing is left to do.
 */
async function finish(services: Services, sessionId: string, organizationId: string, outcome: Outcome) {
  const { db } = services.handle;
  const now = services.clock();
  await db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('summary_jobs')
      .select('status')
      .where('session_id', '=', sessionId)
      .forUpdate()
      .executeTakeFirst();
    if (!job || job.status === 'done') return;
    let final = outcome;
    if (final.status === 'ready') {
      const debit = await debitSessionCredit(trx, organizationId, sessionId, now);
      if (!debit.ok) final = { status: 'skipped', reason: 'no-credits' };
    }
    const content =
      final.status === 'ready'
        ? {
            status: 'ready' as const,
            reason: null,
            title: final.result.title,
            problem: final.result.problem,
            steps: JSON.stringify(final.result.steps),
            resolution: final.result.resolution,
            follow_ups: JSON.stringify(final.result.followUps),
            issue_type: final.result.issueType,
            applications: JSON.stringify(final.result.applications),
            devices: JSON.stringify(final.result.devices),
            language: final.result.language,
            summarizer: final.summarizer,
          }
        : { status: final.status, reason: final.reason };
    // Insert, or else lock the row that is there: a summary row written meanwhile by someone else
    // (a select first, then an insert, would fail on the unique session id) is updated instead.
    const inserted = await trx
      .insertInto('summaries')
      .values({
        id: `sum_${randomUUID()}`,
        organization_id: organizationId,
        session_id: sessionId,
        ...content,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    let id: string;
    let created: boolean;
    if (inserted) {
      id = inserted.id;
      created = true;
    } else {
      const existing = await trx
        .selectFrom('summaries')
        .select(['id', 'edited_by', 'status', 'version', 'deleted_at'])
        .where('session_id', '=', sessionId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      id = existing.id;
      created = existing.status !== 'ready';
      // Someone's edits win over a regeneration; a deleted summary stays deleted.
      const keep =
        existing.deleted_at !== null || (existing.edited_by !== null && existing.status === 'ready');
      if (!keep) {
        await trx
          .updateTable('summaries')
          .set({ ...content, version: existing.version + 1, updated_at: now })
          .where('id', '=', id)
          .execute();
      }
    }
    await trx
      .updateTable('summary_jobs')
      .set({ status: 'done', locked_until: null, updated_at: now })
      .where('session_id', '=', sessionId)
      .execute();
    const session = await trx
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    await appendEvent(trx, services.handle, {
      organizationId,
      type: created ? 'summary.created' : 'summary.updated',
      sessionId,
      scope: scopeOf(session),
      data: {
        summaryId: id,
        sessionId,
        status: final.status,
        reason: 'reason' in final ? final.reason : null,
      },
    });
  });
  services.handle.notifier.notify();
}

/** Marks the session's summary as being written, so readers see `generating`. */
async function markGenerating(services: Services, sessionId: string, organizationId: string) {
  const now = services.clock();
  await services.handle.db
    .insertInto('summaries')
    .values({
      id: `sum_${randomUUID()}`,
      organization_id: organizationId,
      session_id: sessionId,
      status: 'generating',
    })
    .onConflict((oc) => oc.column('session_id').doNothing())
    .execute();
  await services.handle.db
    .updateTable('summaries')
    .set({ status: 'generating', updated_at: now })
    .where('session_id', '=', sessionId)
    .where('status', 'in', ['skipped', 'failed'])
    .where('deleted_at', 'is', null)
    .execute();
}

/**
 * Runs one claimed job: the decision (SI-1…SI-6), then the summary (SI-7) outside any transaction,
 * then {@link finish}. A failed attempt is retried with backoff; the last one stores `failed`.
 * Returns false when no job was due.
 */
export async function runOneJob(
  services: Services,
  summarizer: Summarizer,
  options: { leaseMs: number; sessionId?: string },
): Promise<boolean> {
  const { db } = services.handle;
  const job = await claim(db, services.clock(), options.leaseMs, options.sessionId);
  if (!job) return false;
  const { session_id: sessionId, organization_id: organizationId } = job;
  const decision = await decideSummary(db, sessionId);
  if (decision.decision !== 'summarize') {
    const reason = decision.decision === 'ask' ? 'customer-no-answer' : decision.reason;
    await finish(services, sessionId, organizationId, { status: 'skipped', reason });
    return true;
  }
  await markGenerating(services, sessionId, organizationId);
  const org = await db
    .selectFrom('organizations')
    .select('summary_language')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  try {
    const input = await loadSummaryInput(db, sessionId, org.summary_language as SummaryLanguage);
    const result = await summarizer.summarize(input, services.shutdown);
    await finish(services, sessionId, organizationId, {
      status: 'ready',
      result,
      summarizer: summarizer.name,
    });
  } catch (error) {
    const retryable = !(error instanceof SummarizerError) || error.retryable;
    const message = error instanceof Error ? error.message : String(error);
    if (retryable && job.attempts < MAX_ATTEMPTS && !services.shutdown.aborted) {
      const delay = 2_000 * 2 ** (job.attempts - 1);
      await db
        .updateTable('summary_jobs')
        .set({
          status: 'pending',
          locked_until: null,
          run_after: new Date(services.clock().getTime() + delay),
          last_error: message.slice(0, 500),
        })
        .where('session_id', '=', sessionId)
        .execute();
    } else if (!services.shutdown.aborted) {
      await db
        .updateTable('summary_jobs')
        .set({ last_error: message.slice(0, 500) })
        .where('session_id', '=', sessionId)
        .execute();
      await finish(services, sessionId, organizationId, { status: 'failed', reason: 'generation-failed' });
    }
  }
  return true;
}
