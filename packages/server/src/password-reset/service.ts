import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import { sha256 } from '../auth/secrets.js';
import type { Services } from '../context.js';
import { BackgroundWork } from '../mail/background.js';
import { type Mailer, mailerOf } from '../mail/mailer.js';
import { ProblemError } from '../problems/problem.js';
import { mailLanguage, passwordChangedMail, type Recipient, resetMail } from './messages.js';

/** How long a reset link works (MC-2). */
export const RESET_TTL_MS = 60 * 60_000;
/** Used and expired links are deleted this long after they expire. */
const KEEP_EXPIRED_MS = 24 * 60 * 60_000;

const gone = (code: 'reset-token-used' | 'reset-token-expired', detail: string) =>
  new ProblemError(410, code, detail, { title: 'Gone' });

/**
 * Password reset through an emailed, single-use, expiring link (MC-2). A request is answered before
 * anything is looked up: finding the user, storing the token's hash and queueing the mail happen in
 * the background, so the answer and its timing are the same whether or not the address exists.
 */
export class PasswordResets {
  readonly #work = new BackgroundWork();
  readonly #mailer: Mailer;

  constructor(readonly services: Services) {
    this.#mailer = mailerOf(services);
  }

  /** Starts a reset for `email` in the background; returns at once. */
  request(email: string): void {
    this.#work.run('password reset request', () => this.#issue(email.trim().toLowerCase()));
  }

  /** Resolves when the requests started so far have stored their token and queued their mail. */
  idle(): Promise<void> {
    return this.#work.idle();
  }

  async #issue(email: string): Promise<void> {
    const { db } = this.services.handle;
    const now = this.services.clock();
    await db
      .deleteFrom('password_resets')
      .where('expires_at', '<', new Date(now.getTime() - KEEP_EXPIRED_MS))
      .execute();
    const user = await db
      .selectFrom('users')
      .select(['id', 'organization_id', 'email', 'display_name', 'language', 'time_zone'])
      .where('email', '=', email)
      .where('deleted_at', 'is', null)
      // API managers exist only as keys: there is no password to reset.
      .where('role', '<>', 'api-manager')
      .executeTakeFirst();
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    const recipient = recipientOf(user);
    // The page opens in the language the mail is written in.
    const link = `${this.services.config.passwordResetUrl}#token=${token}&lang=${recipient.language}`;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('password_resets')
        .values({
          token_hash: sha256(token),
          user_id: user.id,
          organization_id: user.organization_id,
          expires_at: new Date(now.getTime() + RESET_TTL_MS),
          created_at: now,
        })
        .execute();
      await this.#mailer.enqueue(trx, resetMail(recipient, link));
    });
    this.#mailer.kick();
  }

  /**
   * Sets a new password with a reset token: 400 for a token that never existed (or whose user was
   * deleted), 410 for a used or expired one. Every other open link of the user stops working.
   */
  async confirm(token: string, password: string): Promise<void> {
    const { db } = this.services.handle;
    const now = this.services.clock();
    const tokenHash = sha256(token);
    const found = await db
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select([
        'password_resets.used_at',
        'password_resets.expires_at',
        'users.id',
        'users.organization_id',
        'users.email',
        'users.display_name',
        'users.language',
        'users.time_zone',
        'users.deleted_at',
      ])
      .where('password_resets.token_hash', '=', tokenHash)
      .executeTakeFirst();
    const invalid = new ProblemError(400, 'reset-token-invalid', 'This reset link is not valid.');
    if (!found || found.deleted_at) throw invalid;
    if (found.used_at) throw gone('reset-token-used', 'This reset link was already used; ask for a new one.');
    if (new Date(found.expires_at).getTime() <= now.getTime()) {
      throw gone('reset-token-expired', 'This reset link has expired; ask for a new one.');
    }
    const passwordHash = await hashPassword(password);
    const changed = await db.transaction().execute(async (trx) => {
      // The claim is the single-use guard: of two concurrent confirmations only one updates the row.
      const claimed = await trx
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      if (!claimed) return false;
      const updated = await trx
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          pending_password: null,
          version: sql`version + 1`,
          updated_at: now,
        })
        .where('id', '=', found.id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw invalid;
      await trx
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('user_id', '=', found.id)
        .where('used_at', 'is', null)
        .execute();
      await this.#mailer.enqueue(trx, passwordChangedMail(recipientOf(found), now));
      return true;
    });
    if (!changed) throw gone('reset-token-used', 'This reset link was already used; ask for a new one.');
    this.#mailer.kick();
  }
}

function recipientOf(user: {
  organization_id: string;
  email: string;
  display_name: string;
  language: string;
  time_zone: string;
}): Recipient {
  return {
    organizationId: user.organization_id,
    email: user.email,
    name: user.display_name,
    language: mailLanguage(user.language),
    timeZone: user.time_zone,
  };
}

const services = new WeakMap<Services, PasswordResets>();

/**
 * The application's password-reset service (one per application).
 * @example
 * passwordResetsOf(services).request('agent@demo.test');
 */
export function passwordResetsOf(app: Services): PasswordResets {
  let resets = services.get(app);
  if (!resets) {
    resets = new PasswordResets(app);
    services.set(app, resets);
  }
  return resets;
}
