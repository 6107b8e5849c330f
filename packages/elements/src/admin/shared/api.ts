// What the management elements take from the contract: the generated wire types of
// @sightline/api-client (never hand-copied shapes) and the management rules of core/domain.
import type { components, Problem, SightlineClient } from '@sightline/api-client';

export { grantableRights } from '@sightline/core/domain';
export type { Problem, SightlineClient };

/** A schema of the API contract by name. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** The ETag of a response (the resource's version), for a later If-Match. */
export function etagOf(response: Response | undefined): string | undefined {
  return response?.headers.get('etag') ?? undefined;
}

/**
 * The problem's per-field messages by field path, without the request part the server prefixes
 * (`json.email` → `email`, `json.features.screenshots` → `features.screenshots`).
 * @example
 * fieldErrors(problem).email; // 'Invalid email address'
 */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const path = e.path.replace(/^(json|body|query|param|header)\./, '');
    out[path] ??= e.message;
  }
  return out;
}

/** A fresh Idempotency-Key for one creating POST (a retry of the same submit reuses it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
