import type { z } from '@hono/zod-openapi';
import type { Principal, Services } from '../context.js';
import type { TableName } from '../db/read-cache.js';
import { type JsonText, toJsonText } from '../http/json-text.js';
import { sessionWire } from './assignees.js';
import type { SessionPage, SessionWire } from './schemas.js';
import { cachedSearchSessions, type SessionSearch } from './search.js';
import { loadVisibleSession } from './service.js';
import { etagOf } from './store.js';

/**
 * Everything a session's wire form for one caller is made of: the session and its calls, the
 * teams (visibility), the portals' and users' feature settings (capabilities), the assignees'
 * labels and the caller themself. A write to any of them expires the cached forms.
 */
type SessionPageWire = z.infer<typeof SessionPage>;

const WIRE_TABLES: readonly TableName[] = ['sessions', 'calls', 'teams', 'portals', 'users', 'team_managers'];

/** A wire form, serialized once for every request that reads it until one of its tables is written. */
export interface CachedJson<T> {
  json: JsonText<T>;
  etag: string;
}

/**
 * `GET /v1/sessions/{id}` for one caller, serialized: from the read cache while none of
 * {@link WIRE_TABLES} has been written since (issue 13). The caller is part of the key (their
 * actor: role, team, rights, device), so two callers never share a form their rights make differ;
 * a refusal (403, 404) is never kept.
 */
export function sessionJson(
  services: Services,
  principal: Principal,
  id: string,
): Promise<CachedJson<SessionWire>> {
  return services.handle.cache.get(
    `wire:${JSON.stringify(principal.actor)}:${id}`,
    WIRE_TABLES,
    async () => {
      const { row, calls } = await loadVisibleSession(services, principal, id);
      const toWire = await sessionWire(services, principal, [row]);
      return { json: toJsonText(toWire(row, calls)), etag: etagOf(row) };
    },
    (v) => v.json.bytes.byteLength,
  );
}

/** A page of `GET /v1/sessions` for one caller, serialized, kept like {@link sessionJson}. */
export function sessionPageJson(
  services: Services,
  principal: Principal,
  search: SessionSearch,
): Promise<JsonText<SessionPageWire>> {
  const { actor } = principal;
  const key = `page:${JSON.stringify(actor)}:${JSON.stringify(search)}`;
  return services.handle.cache.get(
    key,
    WIRE_TABLES,
    async () => {
      const teams = await services.teamsOf(actor.organizationId);
      const { rows, calls, nextCursor } = await cachedSearchSessions(services.handle, actor, teams, search);
      const toWire = await sessionWire(services, principal, rows);
      const items = rows.map((row) =>
        toWire(
          row,
          calls.filter((call) => call.session_id === row.id),
        ),
      );
      return toJsonText<SessionPageWire>({ items, nextCursor });
    },
    (json) => json.bytes.byteLength,
  );
}
