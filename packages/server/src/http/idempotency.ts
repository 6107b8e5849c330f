import type { MiddlewareHandler } from 'hono';
import { sha256 } from '../auth/secrets.js';
import type { AppEnv, Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';

const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];

/**
 * A JSON value written one way only: object keys sorted by code unit, no whitespace, numbers and
 * strings as `JSON.stringify` writes them. Two bodies that parse to the same value give the same text.
 * @example
 * canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] }); // '{"a":[1,{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the fingerprint covers of a body: its canonical JSON, or the bytes as sent when it is not JSON. */
function fingerprintBody(text: string): string {
  if (text.trim() === '') return '';
  try {
    return `json:${canonicalJson(JSON.parse(text))}`;
  } catch {
    return `raw:${text}`;
  }
}

/**
 * `Idempotency-Key` on creating POSTs: the first request with a key runs and its 2xx response is
 * stored per organization, caller and key together with a hash of the request; a retry with the same
 * key and body gets the stored response (and creates nothing), the same key with another body a 422.
 * Bodies compare as JSON values (see {@link canonicalJson}): other spacing or key order is the same
 * request.
 * Failed requests release the key so the client may retry.
 */
export function idempotency(services: Services): MiddlewareHandler<AppEnv> {
  const { db } = services.handle;
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (key.length === 0 || key.length > 200) {
      throw ProblemError.badRequest('Idempotency-Key must be 1 to 200 characters.');
    }
    const principal = c.get('principal');
    const organizationId = principal.actor.organizationId;
    const actorKey = principal.subject;
    const requestHash = sha256(`${c.req.method} ${c.req.path}\n${fingerprintBody(await c.req.text())}`);
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({
        organization_id: organizationId,
        actor_key: actorKey,
        key,
        request_hash: requestHash,
        status: null,
      })
      .onConflict((oc) => oc.columns(['organization_id', 'actor_key', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    const where = db
      .selectFrom('idempotency_keys')
      .where('organization_id', '=', organizationId)
      .where('actor_key', '=', actorKey)
      .where('key', '=', key);
    if (!claimed) {
      const stored = await where.selectAll().executeTakeFirst();
      if (!stored) throw ProblemError.conflict('idempotency-key-in-progress', 'Retry this request.');
      if (stored.request_hash !== requestHash) {
        throw ProblemError.unprocessable(
          'idempotency-key-reused',
          'This Idempotency-Key was already used with a different request.',
        );
      }
      if (stored.status === null) {
        throw ProblemError.conflict(
          'idempotency-key-in-progress',
          'A request with this key is still running.',
        );
      }
      return new Response(JSON.stringify(stored.response), {
        status: stored.status,
        headers: { ...(stored.headers ?? {}), 'idempotent-replayed': 'true' },
      });
    }
    const release = () =>
      db
        .deleteFrom('idempotency_keys')
        .where('organization_id', '=', organizationId)
        .where('actor_key', '=', actorKey)
        .where('key', '=', key)
        .execute();
    try {
      await next();
    } catch (error) {
      await release();
      throw error;
    }
    if (c.res.status < 200 || c.res.status >= 300) {
      await release();
      return;
    }
    const body: unknown = await c.res.clone().json();
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = c.res.headers.get(name);
      if (value) headers[name] = value;
    }
    await db
      .updateTable('idempotency_keys')
      .set({ status: c.res.status, response: JSON.stringify(body), headers: JSON.stringify(headers) })
      .where('organization_id', '=', organizationId)
      .where('actor_key', '=', actorKey)
      .where('key', '=', key)
      .execute();
  };
}
