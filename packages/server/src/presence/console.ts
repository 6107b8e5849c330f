import { randomUUID } from 'node:crypto';
import { hasPresence } from '@sightline/core/domain';
import type { Principal, Services } from '../context.js';
import { sweepPresence } from './announce.js';
import { ensurePresenceRow } from './store.js';

/** Event types after which someone's presence may have changed (a call began or ended). */
const CHANGES_PRESENCE = new Set(['call.started', 'call.ended', 'session.changed']);

/** Console rows whose refresh waits for the next write, per server (see {@link refreshConsole}). */
const pending = new WeakMap<Services, { ids: Set<string>; at: Date; written: Promise<void> }>();

/**
 * Refreshes a console's `last_seen_at`, together with every other console of this server refreshed
 * in the same turn of the event loop: streams woken by one change read one shared batch (see
 * events/outbox-feed.ts) and beat together, so a thousand open consoles write once, not a thousand
 * times.
 */
function refreshConsole(services: Services, id: string, now: Date): Promise<void> {
  let batch = pending.get(services);
  if (!batch) {
    const gathering = { ids: new Set<string>(), at: now, written: Promise.resolve() };
    gathering.written = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        pending.delete(services);
        services.handle.db
          .updateTable('presence_consoles')
          .set({ last_seen_at: gathering.at })
          .where('id', 'in', [...gathering.ids])
          .execute()
          .then(() => resolve(), reject);
      });
    });
    pending.set(services, gathering);
    batch = gathering;
  }
  batch.ids.add(id);
  if (now > batch.at) batch.at = now;
  return batch.written;
}

/** The presence side of one open staff event stream (a console tab). */
export interface ConsolePresence {
  /**
   * Called on every wake of the stream's fan-out (at least every heartbeat interval), with whether
   * the rows just read may change someone's presence (a call began or ended): refreshes the
   * console's last-seen time when due, and looks for presence changes then, or when `changed`.
   * Synchronous and cheap when nothing is due, since a thousand consoles beat on every change (`now`:
   * the time of the fan-out's pass, read once for all of them); a failed write is retried by the next
   * due beat.
   */
  beat(changed: boolean, now?: Date): void;
  /** The stream ended (tab closed, token expired, server stopping): the console is gone. */
  end(): Promise<void>;
}

/** Whether outbox rows of these types may change someone's presence (a call began or ended). */
export function changesPresence(types: readonly string[]): boolean {
  return types.some((t) => CHANGES_PRESENCE.has(t));
}

/**
 * Registers an open console for presence (MC-7) when the stream's caller is a staff member with a
 * presence: the stream is the heartbeat. Returns `undefined` for anyone else. A closed tab ends its
 * stream and turns its user offline at once (unless another tab is open); a tab that vanished
 * without closing stops refreshing its row and is counted out after 60 s by any replica's sweep.
 * @example
 * const presence = await openConsole(services, principal);
 * // on every wake: presence?.beat(changesPresence(types)); … when it ends: await presence?.end();
 */
export async function openConsole(
  services: Services,
  principal: Principal,
): Promise<ConsolePresence | undefined> {
  const { actor } = principal;
  if (!hasPresence(actor)) return undefined;
  const { db } = services.handle;
  const id = randomUUID();
  const organizationId = actor.organizationId;
  const opened = services.clock();
  await ensurePresenceRow(db, organizationId, actor.userId, opened);
  await db
    .insertInto('presence_consoles')
    .values({
      id,
      organization_id: organizationId,
      user_id: actor.userId,
      opened_at: opened,
      last_seen_at: opened,
    })
    .execute();
  await sweepPresence(services, organizationId);
  // Refresh at most twice per heartbeat interval, however busy the stream is.
  const every = Math.max(250, services.config.heartbeatMs / 2);
  let lastBeat = opened.getTime();
  let ended = false;
  return {
    beat(changed, now = services.clock()) {
      if (ended) return;
      const due = now.getTime() - lastBeat >= every;
      if (due) {
        lastBeat = now.getTime();
        refreshConsole(services, id, now).then(
          () => sweepPresence(services, organizationId),
          () => {},
        );
      } else if (changed) void sweepPresence(services, organizationId);
    },
    async end() {
      if (ended) return;
      ended = true;
      await db.deleteFrom('presence_consoles').where('id', '=', id).execute();
      await sweepPresence(services, organizationId);
    },
  };
}
