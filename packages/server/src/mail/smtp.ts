import type { Kysely } from 'kysely';
import { createTransport, type Transporter } from 'nodemailer';
import type { Database } from '../db/schema.js';
import type { BackgroundWork } from './background.js';
import type { DeliveryReport, Mailer } from './mailer.js';
import {
  claimDue,
  type DueMail,
  insertMail,
  type MailMessage,
  markAttemptFailed,
  markSent,
} from './store.js';

/** Waits after the 1st, 2nd, … failed attempt; after the last one the mail is given up on. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
/** A claimed mail is not claimed again before this (a crash mid-send retries after it). */
const LEASE_MS = 2 * 60_000;
const BATCH = 20;

export interface SmtpMailerOptions {
  db: Kysely<Database>;
  clock: () => Date;
  smtpUrl: string;
  from: string;
  work: BackgroundWork;
}

/**
 * Delivers through an SMTP relay with nodemailer. A mail is stored as `pending` first, then sent;
 * a failed attempt is retried with growing delays ({@link RETRY_DELAYS_MS}), a recipient the relay
 * refuses for good (5xx on RCPT) is not retried. Delivered mail keeps its metadata and loses its
 * bodies.
 */
export class SmtpMailer implements Mailer {
  readonly transport = 'smtp' as const;
  readonly #transporter: Transporter;
  #running = false;
  #again = false;

  constructor(readonly options: SmtpMailerOptions) {
    // The URL's own parameters win; these only bound how long a dead relay can hold a delivery.
    this.#transporter = createTransport({
      url: options.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  enqueue(db: Kysely<Database>, message: MailMessage): Promise<string> {
    return insertMail(db, message, 'pending', this.options.clock());
  }

  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.options.work.run('mail delivery', async () => {
      try {
        do {
          this.#again = false;
          await this.deliverDue();
        } while (this.#again);
      } finally {
        this.#running = false;
      }
    });
  }

  async send(message: MailMessage): Promise<string> {
    const id = await this.enqueue(this.options.db, message);
    this.kick();
    return id;
  }

  async deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
    const { db, clock } = this.options;
    for (;;) {
      const due = await claimDue(db, clock(), LEASE_MS, BATCH);
      for (const mail of due) report[await this.#deliver(mail)]++;
      if (due.length < BATCH) return report;
    }
  }

  async #deliver(mail: DueMail): Promise<keyof DeliveryReport> {
    const { db, clock, from } = this.options;
    try {
      const info = await this.#transporter.sendMail({
        from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text_body ?? '',
        html: mail.html_body ?? '',
        attachments: (mail.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        // RFC 3834: no vacation replies to a machine.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      await markSent(db, mail.id, typeof info.messageId === 'string' ? info.messageId : null, clock());
      return 'sent';
    } catch (error) {
      const delay = RETRY_DELAYS_MS[mail.attempts - 1];
      const retryAt = delay !== undefined && !isPermanent(error) ? new Date(clock().getTime() + delay) : null;
      await markAttemptFailed(db, mail.id, describe(error), retryAt);
      return retryAt ? 'retrying' : 'failed';
    }
  }

  async idle(): Promise<void> {
    await this.options.work.idle();
  }

  close(): void {
    this.#transporter.close();
  }
}

/** The relay refused every recipient for good (5xx on RCPT TO): retrying cannot help. */
function isPermanent(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown };
  return e.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}
