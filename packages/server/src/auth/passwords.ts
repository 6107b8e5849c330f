import { hash, verify } from '@node-rs/argon2';

// Argon2id (the library default) with OWASP's minimum memory cost: memory-hard, ~20 ms per check.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A verifier never stored in clear; compare with {@link verifyPassword}. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Constant-time check of a password against its stored hash. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
