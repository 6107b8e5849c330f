import { jwtVerify, SignJWT } from 'jose';
import type { Services } from '../context.js';

/** Claims of a Sightline bearer token; every token carries its organization. */
export type TokenClaims =
  | { kind: 'user'; sub: string; org: string }
  /** `acc`: the access code the token was issued with; revoking the code ends the token (VS-1). */
  | { kind: 'customer'; sub: string; org: string; device: string; acc: string }
  /**
   * A short-lived token a host app's backend exchanged for one session's summary (SI-12): `sub` is
   * the integration token it came from, `scp` its scopes, `ses` the session.
   */
  | { kind: 'integration'; sub: string; org: string; scp: string[]; ses: string };

/** Signs a short-lived HS256 token. */
export async function signToken(
  services: Services,
  claims: TokenClaims,
  ttlSeconds: number,
): Promise<string> {
  const now = Math.floor(services.clock().getTime() / 1000);
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer('sightline')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(services.jwtSecret);
}

/** Verifies signature, issuer and expiry; `undefined` for anything invalid. */
export async function verifyToken(services: Services, token: string): Promise<TokenClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, services.jwtSecret, {
      issuer: 'sightline',
      algorithms: ['HS256'],
      currentDate: services.clock(),
    });
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') return undefined;
    if (payload.kind === 'user') return { kind: 'user', sub: payload.sub, org: payload.org };
    if (
      payload.kind === 'integration' &&
      typeof payload.ses === 'string' &&
      Array.isArray(payload.scp) &&
      payload.scp.every((s) => typeof s === 'string')
    ) {
      return { kind: 'integration', sub: payload.sub, org: payload.org, scp: payload.scp, ses: payload.ses };
    }
    if (
      payload.kind === 'customer' &&
      typeof payload.device === 'string' &&
      typeof payload.acc === 'string'
    ) {
      return {
        kind: 'customer',
        sub: payload.sub,
        org: payload.org,
        device: payload.device,
        acc: payload.acc,
      };
    }
    return undefined;
  } catch {
    return undefined;
  }
}
