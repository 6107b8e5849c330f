import { z } from '@hono/zod-openapi';

/** Languages of the product's texts (MC-2). */
export const LANGUAGES = ['en', 'de', 'es', 'pt'] as const;
export const Language = z.enum(LANGUAGES).openapi({ description: 'en, de, es or pt.' });
export type Language = (typeof LANGUAGES)[number];

/**
 * The canonical spelling of an IANA time zone (`europe/berlin` → `Europe/Berlin`), or `undefined` when
 * the runtime's time-zone database does not know it.
 * @example
 * canonicalTimeZone('utc'); // 'UTC'
 */
export function canonicalTimeZone(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    // Fix the case only; a link such as `EST` stays as written.
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return undefined;
  }
}

/** An IANA time zone such as `Europe/Berlin`; store it through {@link canonicalTimeZone}. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((value) => canonicalTimeZone(value) !== undefined, { message: 'Unknown IANA time zone.' })
  .openapi({ description: 'IANA time zone, e.g. `Europe/Berlin`.', example: 'Europe/Berlin' });
