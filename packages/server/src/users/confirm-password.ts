import { verifyPassword } from '../auth/passwords.js';
import type { Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import { matchesSealed } from './pending-password.js';

/**
 * Checks a signed-in staff member's own password before a sensitive change (a new email or password,
 * a replay passphrase). Guessing counts like guessing at sign-in: the same database counters, shared
 * by every server process, so a stolen token is not a free password oracle. A wrong password → 403
 * `wrong-password`.
 */
export async function confirmOwnPassword(
  services: Services,
  user: {
    id: string;
    organizationId: string;
    email: string;
    password_hash: string | null;
    pending_password: string | null;
  },
  password: string,
  clientAddress: string,
  detail = 'The current password is wrong.',
): Promise<void> {
  const attempt = await services.signIns.admit({
    kind: 'login',
    clientAddress,
    identifier: user.email.toLowerCase(),
    organizationId: user.organizationId,
    subject: `user:${user.id}`,
  });
  const matches =
    user.password_hash === null && user.pending_password
      ? matchesSealed(services.rawSecret, user.id, user.pending_password, password)
      : await verifyPassword(user.password_hash, password);
  if (!matches) {
    await services.signIns.failed(attempt);
    throw new ProblemError(403, 'wrong-password', detail);
  }
  await services.signIns.succeeded(attempt);
}
