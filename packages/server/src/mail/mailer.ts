import type { Kysely } from 'kysely';
import type { Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { BackgroundWork } from './background.js';
import { SmtpMailer } from './smtp.js';
import { insertMail, type MailMessage, pruneMail } from './store.js';

export type { MailMessage } from './store.js';

/** What one delivery round did. */
export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Outgoing mail. Every message is stored in `mail_outbox` first (in the caller's transaction when
 * it passes one), so a change and the mail announcing it commit together; delivery follows.
 * @example
 * await db.transaction().execute((trx) => mailer.enqueue(trx, message));
 * mailer.kick();
 */
export interface Mailer {
  /** `smtp` delivers through `SMTP_URL`; `outbox` keeps every mail in the table (demo, tests). */
  readonly transport: 'smtp' | 'outbox';
  /** Stores a message; nothing is sent before {@link Mailer.kick} (call it after the commit). */
  enqueue(db: Kysely<Database>, message: MailMessage): Promise<string>;
  /** Starts delivering due mail in the background. */
  kick(): void;
  /** {@link Mailer.enqueue} outside any transaction, then {@link Mailer.kick}. */
  send(message: MailMessage): Promise<string>;
  /** Tries every due message once now and reports what happened. */
  deliverDue(): Promise<DeliveryReport>;
  /** Resolves when the deliveries started so far have finished. */
  idle(): Promise<void>;
  close(): void;
}

/** Without SMTP: every mail stays in the outbox table, where the demo's `/outbox` page shows it. */
export class OutboxMailer implements Mailer {
  readonly transport = 'outbox' as const;
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: () => Date,
  ) {}

  enqueue(db: Kysely<Database>, message: MailMessage): Promise<string> {
    return insertMail(db, message, 'kept', this.clock());
  }
  kick(): void {}
  send(message: MailMessage): Promise<string> {
    return this.enqueue(this.db, message);
  }
  async deliverDue(): Promise<DeliveryReport> {
    return { sent: 0, retrying: 0, failed: 0 };
  }
  async idle(): Promise<void> {}
  close(): void {}
}

/** How long delivered, failed and kept mail stays listed. */
const RETENTION_MS = 30 * 24 * 60 * 60_000;
/** How often due retries are looked for (and old mail pruned). */
const SWEEP_MS = 15_000;

const mailers = new WeakMap<Services, Mailer>();

/**
 * The application's mailer: SMTP when `SMTP_URL` is set, else the outbox. Made on first use, one
 * per application; a timer retries due mail and prunes old mail until the application stops.
 * @example
 * await mailerOf(services).send({ organizationId, kind: 'welcome', to, subject, text, html });
 */
export function mailerOf(services: Services): Mailer {
  const existing = mailers.get(services);
  if (existing) return existing;
  const { db } = services.handle;
  const { config, clock } = services;
  const mailer: Mailer = config.smtpUrl
    ? new SmtpMailer({
        db,
        clock,
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        work: new BackgroundWork(),
      })
    : new OutboxMailer(db, clock);
  mailers.set(services, mailer);
  let lastPrune = 0;
  const timer = setInterval(() => {
    mailer.kick();
    const now = clock().getTime();
    if (now - lastPrune < 60 * 60_000) return;
    lastPrune = now;
    pruneMail(db, new Date(now - RETENTION_MS)).catch((error) => console.error('mail prune failed', error));
  }, SWEEP_MS);
  timer.unref();
  services.shutdown.addEventListener('abort', () => {
    clearInterval(timer);
    mailer.close();
  });
  return mailer;
}
