import { randomUUID } from 'node:crypto';
import {
  monthKey,
  monthStart,
  nextScheduledRun,
  type ReportSchedule,
  reportKinds,
  reportScope,
} from '@sightline/core/domain';
import { staffActorOf } from '../auth/authenticate.js';
import type { Services } from '../context.js';
import { mailerOf } from '../mail/index.js';
import { mailLanguage, reportMailTexts } from './mail.js';
import { runReport, toCsv } from './queries.js';
import { runSavedReport, type SavedReportRow } from './saved.js';

/** Monthly reports are kept this long (MC-9). */
export const MONTHLY_REPORT_KEEP_DAYS = 365;

export interface ReportJobOptions {
  /** How often due work is looked for; 0: only when `run()` is called (tests). */
  intervalMs: number;
}

/**
 * The reports' background work (MC-9): on the first of each month (any run in a month fills what
 * is missing) every organization's standard reports for the month before, kept a year; and every
 * saved report whose schedule is due, emailed as CSV to its recipients. Safe on several replicas:
 * monthly reports are unique per organization, month and kind, and a due saved report is claimed
 * by moving its `next_run_at` on with a guard on the old value, so only one replica sends it.
 */
export class ReportJob {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly services: Services,
    private readonly options: ReportJobOptions,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0) return;
    this.#timer = setInterval(() => {
      this.run().catch((error) => console.error('report job failed', error));
    }, this.options.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Runs what is due now and waits; a run already under way is joined. */
  run(): Promise<void> {
    this.#running ??= (async () => {
      try {
        await this.monthly();
        await this.scheduled();
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  /** The previous month's reports of every organization that has none yet; a year's are kept. */
  async monthly(): Promise<number> {
    const { db } = this.services.handle;
    const now = this.services.clock();
    const from = monthStart(now, -1);
    const to = monthStart(now);
    const month = monthKey(from);
    await db
      .deleteFrom('monthly_reports')
      .where('created_at', '<', new Date(now.getTime() - MONTHLY_REPORT_KEEP_DAYS * 86_400_000))
      .execute();
    const missing = await db
      .selectFrom('organizations')
      .select('id')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('monthly_reports')
              .select('id')
              .whereRef('monthly_reports.organization_id', '=', 'organizations.id')
              .where('monthly_reports.month', '=', month),
          ),
        ),
      )
      .execute();
    for (const { id: organizationId } of missing) {
      for (const kind of reportKinds) {
        const rows = await runReport(db, kind, { scope: { organizationId }, from, to, now });
        await db
          .insertInto('monthly_reports')
          .values({
            id: randomUUID(),
            organization_id: organizationId,
            month,
            kind,
            period_from: from,
            period_to: to,
            rows: JSON.stringify(rows),
            created_at: now,
          })
          .onConflict((oc) => oc.columns(['organization_id', 'month', 'kind']).doNothing())
          .execute();
      }
    }
    return missing.length;
  }

  /** Emails every saved report whose schedule is due; returns how many were sent. */
  async scheduled(): Promise<number> {
    const { db } = this.services.handle;
    const now = this.services.clock();
    const due = await db
      .selectFrom('saved_reports')
      .selectAll()
      .where('next_run_at', '<=', now)
      .orderBy('next_run_at')
      .limit(100)
      .execute();
    let sent = 0;
    for (const row of due) {
      const next =
        row.schedule === 'none'
          ? null
          : nextScheduledRun(row.schedule as Exclude<ReportSchedule, 'none'>, now);
      const claimed = await db
        .updateTable('saved_reports')
        .set({ next_run_at: next })
        .where('id', '=', row.id)
        .where('next_run_at', '=', row.next_run_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      if (await this.#send(row, now)) sent++;
    }
    return sent;
  }

  /** Runs a saved report as its owner and mails it; an owner gone or without reports stops it. */
  async #send(row: SavedReportRow, now: Date): Promise<boolean> {
    const { db } = this.services.handle;
    const actor = await staffActorOf(this.services, row.organization_id, row.owner_id);
    const scope = actor ? reportScope(actor, await this.services.teamsOf(row.organization_id)) : undefined;
    if (!scope) {
      await db
        .updateTable('saved_reports')
        .set({ schedule: 'none', next_run_at: null })
        .where('id', '=', row.id)
        .execute();
      return false;
    }
    let report: Awaited<ReturnType<typeof runSavedReport>>;
    try {
      report = await runSavedReport(this.services, row, scope, now);
    } catch (error) {
      console.error(`scheduled report ${row.id} could not run`, error);
      return false;
    }
    const period = `${report.from.toISOString().slice(0, 10)} – ${report.to.toISOString().slice(0, 10)}`;
    const filename = `${row.kind}-${report.from.toISOString().slice(0, 10)}-${report.to.toISOString().slice(0, 10)}.csv`;
    // Each recipient in their own language: a user of the organization theirs, anyone else the owner's.
    const users = await db
      .selectFrom('users')
      .select(['id', 'email', 'language'])
      .where('organization_id', '=', row.organization_id)
      .where((eb) => eb.or([eb('id', '=', row.owner_id), eb('email', 'in', [...row.recipients, ''])]))
      .execute();
    const ownerLanguage = users.find((u) => u.id === row.owner_id)?.language;
    const languageOf = (email: string) =>
      mailLanguage(
        users.find((u) => u.email.toLowerCase() === email.toLowerCase())?.language ?? ownerLanguage,
      );
    const mailer = mailerOf(this.services);
    await db.transaction().execute(async (trx) => {
      for (const to of row.recipients) {
        const { subject, text, html } = reportMailTexts(languageOf(to), {
          name: row.name,
          kind: row.kind,
          period,
          rows: report.rows.length,
        });
        await mailer.enqueue(trx, {
          organizationId: row.organization_id,
          kind: 'scheduled-report',
          to,
          subject,
          text,
          html,
          attachments: [{ filename, contentType: 'text/csv; charset=utf-8', content: toCsv(report.rows) }],
        });
      }
      await trx.updateTable('saved_reports').set({ last_sent_at: now }).where('id', '=', row.id).execute();
    });
    mailer.kick();
    return true;
  }
}
