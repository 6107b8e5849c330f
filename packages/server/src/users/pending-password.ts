import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A password of a large import waits for its argon2id hash sealed with AES-256-GCM under a key
 * derived from the server secret (MC-4): not readable from a database dump alone, and durable, so
 * a restart resumes the hashing. Sealed text: base64url(iv ‖ tag ‖ ciphertext).
 */
function keyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update('sightline:pending-password:v1').digest();
}

/** Seals `password` for the `pending_password` column. */
export function sealPassword(secret: string, userId: string, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  cipher.setAAD(Buffer.from(userId)); // a sealed value copied to another user does not open
  const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens a sealed password; `undefined` when it was not sealed for this user with this secret. */
export function openPassword(secret: string, userId: string, sealed: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of a typed password with a sealed one. */
export function matchesSealed(secret: string, userId: string, sealed: string, password: string): boolean {
  const expected = openPassword(secret, userId, sealed);
  if (expected === undefined) return false;
  const a = createHmac('sha256', 'cmp').update(expected).digest();
  const b = createHmac('sha256', 'cmp').update(password).digest();
  return timingSafeEqual(a, b);
}
