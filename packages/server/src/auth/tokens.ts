import { jwtVerify, SignJWT } from 'jose';
import type { Services } from '../context.js';

/**
 * Claims of a Sightline bearer token; every token carries its organization. `at` (user and customer
 * tokens) is when the person signed in or redeemed the code, in seconds: refreshing keeps it, so a
 * chain of refreshes ends at the configured maximum session length.
 */
export type TokenClaims =
  | { kind: 'user'; sub: string; org: string; at?: number }
  /** `acc`: the access code the token was issued with; revoking the code ends the token (VS-1). */
  | { kind: 'customer'; sub: string; org: string; device: string; acc: string; at?: number }
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
  const at = claims.kind === 'integration' ? {} : { at: claims.at ?? now };
  return new SignJWT({ ...rest, ...at })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer('sightline')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(services.jwtSecret);
}

/** A verified token's claims and when it expires (seconds since the epoch). */
export type VerifiedClaims = TokenClaims & { exp: number };

/** Tokens already verified, per signing key: a signature is checked once, the expiry every time. */
const verified = new WeakMap<Uint8Array, Map<string, VerifiedClaims>>();
const MAX_VERIFIED = 10_000;

/** Verifies signature, issuer and expiry; `undefined` for anything invalid. */
export async function verifyToken(services: Services, token: string): Promise<VerifiedClaims | undefined> {
  const known = verified.get(services.jwtSecret) ?? new Map<string, VerifiedClaims>();
  verified.set(services.jwtSecret, known);
  const hit = known.get(token);
  if (hit) {
    // As jose decides: expired once `exp` is not after now, in whole seconds.
    if (hit.exp > Math.floor(services.clock().getTime() / 1000)) return hit;
    known.delete(token);
    return undefined;
  }
  const claims = await verifySignedToken(services, token);
  if (claims) {
    if (known.size >= MAX_VERIFIED) known.delete(known.keys().next().value as string);
    known.set(token, Object.freeze(claims));
  }
  return claims;
}

async function verifySignedToken(services: Services, token: string): Promise<VerifiedClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, services.jwtSecret, {
      issuer: 'sightline',
      algorithms: ['HS256'],
      currentDate: services.clock(),
    });
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') return undefined;
    if (typeof payload.exp !== 'number') return undefined;
    const { exp } = payload;
    const at = typeof payload.at === 'number' ? { at: payload.at } : {};
    if (payload.kind === 'user') return { kind: 'user', sub: payload.sub, org: payload.org, ...at, exp };
    if (
      payload.kind === 'integration' &&
      typeof payload.ses === 'string' &&
      Array.isArray(payload.scp) &&
      payload.scp.every((s) => typeof s === 'string')
    ) {
      return {
        kind: 'integration',
        sub: payload.sub,
        org: payload.org,
        scp: payload.scp,
        ses: payload.ses,
        exp,
      };
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
        ...at,
        exp,
      };
    }
    return undefined;
  } catch {
    return undefined;
  }
}
