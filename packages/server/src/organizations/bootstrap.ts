import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { sha256 } from '../auth/secrets.js';
import type { Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';

/** Paths guarded by the operator's bootstrap token instead of a user token (also the billing integration's). */
export function isBootstrapPath(path: string): boolean {
  return (
    path === '/v1/organizations' || path.startsWith('/v1/organizations/') || path === '/v1/credits/add-ons'
  );
}

/**
 * Checks `Authorization: Bearer <SIGHTLINE_BOOTSTRAP_TOKEN>`: 401 without credentials; 403 while the
 * server has no bootstrap token (creating organizations is disabled); 401 when it is wrong. Compared
 * in constant time (digests of equal length).
 */
export function requireBootstrap(services: Services, c: Context): void {
  const expected = services.config.bootstrapToken;
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  if (!given) throw ProblemError.unauthorized('The bootstrap token is missing.');
  if (!expected) {
    throw new ProblemError(
      403,
      'bootstrap-disabled',
      'Creating organizations is disabled: the server has no SIGHTLINE_BOOTSTRAP_TOKEN.',
    );
  }
  const ok = timingSafeEqual(Buffer.from(sha256(given), 'hex'), Buffer.from(sha256(expected), 'hex'));
  if (!ok) throw ProblemError.unauthorized('The bootstrap token is wrong.');
}
