import type { Actor } from '@sightline/core/domain';
import { loadSummaryPermissions } from '../ai-settings/permissions.js';
import { resolvePrincipal } from '../auth/authenticate.js';
import type { Principal, Services } from '../context.js';
import { type ConsolePresence, changesPresence } from '../presence/console.js';
import { type AudienceInputs, audience, eventBlock, idAfter } from './audience.js';
import { type Freshness, OUTBOX_PAGE, type OutboxRow } from './outbox-feed.js';
import type { EventSink } from './sink.js';

/** Streams written per turn of the event loop; other requests are served between slices. */
export const FANOUT_SLICE = 25;

/**
 * The least time between the starts of two passes of one organization's loop: this, or
 * {@link FANOUT_PACE_FACTOR} times as long as the last pass spent handing out, its sockets' writes
 * included (measured: about nine tenths of a pass), whichever is longer. A change after a quiet
 * spell is passed on at once; in a burst, the changes of one span go out together, one write per
 * stream instead of one per change (a write per stream is the fan-out's main cost: a syscall each),
 * and the passes take at most a third of the event loop, so requests and the database's round trips
 * are not starved however many streams are open.
 */
export const FANOUT_PACE_MS = 25;
/** See {@link FANOUT_PACE_MS}. */
export const FANOUT_PACE_FACTOR = 3;

/**
 * Milliseconds since `start`, taken once the bytes a slice handed to its streams are on their
 * sockets: each stream's response corks its socket at the write and writes to it on the next tick
 * — the larger part of a slice's cost (one microtask hop first, for a sink read as a web stream).
 */
async function writtenSince(start: number): Promise<number> {
  await null;
  await new Promise((r) => process.nextTick(r));
  return performance.now() - start;
}

/** One open `GET /v1/events`. */
export interface Subscriber {
  sink: EventSink;
  organizationId: string;
  /** The request's credential: streams on the same one (and the same `include`) share their audience. */
  authorization: string | undefined;
  includePresence: boolean;
  /** Streams with the same key share their audience: the credential and `include`. */
  audienceKey: string;
  /** Who the caller is; refreshed on every read, so a changed role applies at once. */
  actor: Actor;
  /** The last outbox id this stream has passed. */
  cursor: string;
  /** When the token expires (ms since the epoch, by the services' clock). */
  expiresAt: number | undefined;
  presence: ConsolePresence | undefined;
}

/** The fan-out of one organization: its streams and the one loop reading for all of them. */
interface Channel {
  organizationId: string;
  /** Every row up to this id has been handed to the live streams (or to nobody, if none saw it). */
  cursor: string;
  /** Streams that receive from the loop; a stream behind {@link cursor} catches up first. */
  live: Set<Subscriber>;
  /** Streams replaying what they missed, by their own reads. */
  catchingUp: Set<Subscriber>;
  stop: AbortController;
}

const hubs = new WeakMap<Services, EventFanout>();

/** The process's event fan-out (created with the first stream). */
export function fanoutOf(services: Services): EventFanout {
  let hub = hubs.get(services);
  if (!hub) {
    hub = new EventFanout(services);
    hubs.set(services, hub);
  }
  return hub;
}

const text = (event: string, data: unknown, extra = '') =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n${extra}\n`;

/**
 * Event fan-out (VS-3, MC-7): per organization, one loop reads the outbox when the notifier wakes
 * (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite) and hands each change to every open stream:
 * who a credential belongs to, the teams and the summary permissions are read once per read, each
 * row is serialized once, each credential's audience is computed once, and the streams sharing it
 * get the same bytes in one synchronous pass (in slices, so other requests interleave). Changes
 * committed while a pass runs are read together by the next one. Heartbeats and token expiry are
 * checked by the loop, not by a timer per stream. A stream that connects behind the loop (resuming
 * with `Last-Event-ID`) replays with its own reads until it reaches the loop's cursor, then joins.
 */
export class EventFanout {
  readonly #services: Services;
  readonly #channels = new Map<string, Channel>();

  constructor(services: Services) {
    this.#services = services;
    services.shutdown.addEventListener('abort', () => {
      for (const channel of this.#channels.values()) {
        channel.stop.abort();
        for (const s of [...channel.live, ...channel.catchingUp]) s.sink.close();
      }
    });
  }

  /** How many streams are open in this process (live or catching up). */
  get size(): number {
    let n = 0;
    for (const channel of this.#channels.values()) n += channel.live.size + channel.catchingUp.size;
    return n;
  }

  /** Adds a stream whose `ready` event is written; it receives every visible event after its cursor. */
  add(subscriber: Subscriber): void {
    let channel = this.#channels.get(subscriber.organizationId);
    if (!channel || channel.stop.signal.aborted) {
      channel = {
        organizationId: subscriber.organizationId,
        cursor: subscriber.cursor,
        live: new Set(),
        catchingUp: new Set(),
        stop: new AbortController(),
      };
      this.#channels.set(channel.organizationId, channel);
      void this.#run(channel);
    }
    if (idAfter(channel.cursor, subscriber.cursor)) {
      channel.catchingUp.add(subscriber);
      void this.#catchUp(channel, subscriber);
    } else channel.live.add(subscriber);
  }

  /** Removes a stream that ended (the client left, or the fan-out closed it). */
  remove(subscriber: Subscriber): void {
    const channel = this.#channels.get(subscriber.organizationId);
    if (!channel) return;
    channel.live.delete(subscriber);
    channel.catchingUp.delete(subscriber);
    if (channel.live.size === 0 && channel.catchingUp.size === 0) {
      channel.stop.abort();
      this.#channels.delete(channel.organizationId);
    }
  }

  async #run(channel: Channel): Promise<void> {
    const { notifier } = this.#services.handle;
    const { heartbeatMs } = this.#services.config;
    let timedOut = false;
    let lastRead = performance.now();
    let lastHeartbeat = performance.now();
    let lastPass = Number.NEGATIVE_INFINITY;
    let pace = FANOUT_PACE_MS;
    while (!channel.stop.signal.aborted) {
      const early = lastPass + pace - performance.now();
      if (early > 0) await new Promise((r) => setTimeout(r, early));
      lastPass = performance.now();
      // Taken before the reads: a notification during them starts the next pass at once.
      const generation = notifier.generation;
      try {
        this.#expire(channel);
        const freshness: Freshness = { askedSince: timedOut ? lastRead : undefined };
        lastRead = performance.now();
        // Both read after the wake, so a credential revoked before it is never handed its rows; the
        // teams, wanted for nearly every row, are read meanwhile (shared with #inputs).
        const [principals, rows] = await Promise.all([
          this.#principals(channel, freshness),
          this.#services.outboxFeed.after(channel.organizationId, channel.cursor, freshness),
          this.#teams(channel.organizationId, freshness),
        ]);
        const inputs = await this.#inputs(channel.organizationId, rows, freshness);
        if (channel.stop.signal.aborted) return;
        // Everything up to here is handed out below: a stream connecting from now on behind this
        // cursor catches up by itself instead of waiting for this pass.
        const streams = [...channel.live];
        if (rows.length > 0) channel.cursor = String(rows.at(-1)!.id);
        const busy = await this.#deliver(channel, streams, rows, inputs, principals);
        pace = Math.max(FANOUT_PACE_MS, FANOUT_PACE_FACTOR * busy);
        if (rows.length === OUTBOX_PAGE) continue;
      } catch (e) {
        if (channel.stop.signal.aborted) return;
        // A failed read (the database restarting, say) is retried at the next wake or heartbeat;
        // the streams stay open. A stream a failed pass left behind the cursor is ended instead: it
        // reconnects with Last-Event-ID and replays what it missed.
        console.error('event fan-out:', e);
        for (const s of channel.live) if (idAfter(channel.cursor, s.cursor)) s.sink.close();
      }
      const now = performance.now();
      if (now - lastHeartbeat >= heartbeatMs) {
        lastHeartbeat = now;
        this.#heartbeat(channel);
      }
      const why = await notifier.wait(
        Math.max(0, Math.min(lastHeartbeat + heartbeatMs - now, this.#untilExpiry(channel))),
        channel.stop.signal,
        generation,
      );
      timedOut = why === 'timeout';
    }
  }

  /** Who each credential of the channel's live streams belongs to now (undefined: revoked). */
  async #principals(channel: Channel, freshness: Freshness) {
    const credentials = new Set<string | undefined>();
    for (const s of channel.live) credentials.add(s.authorization);
    const principals = new Map<string | undefined, Principal | undefined>();
    await Promise.all(
      [...credentials].map(async (authorization) => {
        const principal = await this.#services.outboxFeed.shared(
          `principal\u0000${authorization}`,
          () => resolvePrincipal(this.#services, authorization),
          freshness,
        );
        principals.set(authorization, principal);
      }),
    );
    return principals;
  }

  /** The organization's teams, read once per notifier generation. */
  #teams(organizationId: string, freshness: Freshness) {
    return this.#services.outboxFeed.shared(
      `teams\u0000${organizationId}`,
      () => this.#services.teamsOf(organizationId),
      freshness,
    );
  }

  /** What the audience of `rows` depends on besides the caller (none of it when there are no rows). */
  async #inputs(
    organizationId: string,
    rows: readonly OutboxRow[],
    freshness: Freshness,
  ): Promise<AudienceInputs> {
    if (rows.length === 0) return { teams: [], summaryPermissions: undefined, portals: new Map() };
    const feed = this.#services.outboxFeed;
    const { db } = this.#services.handle;
    const older = [
      ...new Set(rows.flatMap((r) => (r.session_id && !r.scope.portalId ? [r.session_id] : []))),
    ];
    const [teams, summaryPermissions, portals] = await Promise.all([
      this.#teams(organizationId, freshness),
      rows.some((r) => r.type.startsWith('summary.'))
        ? feed.shared(
            `summary-permissions\u0000${organizationId}`,
            () => loadSummaryPermissions(db, organizationId),
            freshness,
          )
        : undefined,
      older.length === 0
        ? []
        : db
            .selectFrom('sessions')
            .select(['id', 'portal_id'])
            .where('organization_id', '=', organizationId)
            .where('id', 'in', older)
            .execute(),
    ]);
    return { teams, summaryPermissions, portals: new Map(portals.map((s) => [s.id, s.portal_id])) };
  }

  /**
   * Hands `rows` to `streams`: one audience per credential and `include`, one encoding of what it
   * sees shared by its streams, one write per stream. Streams whose credential no longer holds end
   * with `revoked`. Returns how long its synchronous slices took (ms).
   */
  async #deliver(
    channel: Channel,
    streams: readonly Subscriber[],
    rows: readonly OutboxRow[],
    inputs: AudienceInputs,
    principals: ReadonlyMap<string | undefined, Principal | undefined>,
  ): Promise<number> {
    let busy = 0;
    let sliceStart = performance.now();
    const changed = changesPresence(rows.map((r) => r.type));
    const ids = rows.map((r) => String(r.id));
    const now = this.#services.clock();
    const classes = new Map<string, { actor: Actor; all: Uint8Array; visible: boolean[] } | null>();
    for (let i = 0; i < streams.length; i++) {
      if (i > 0 && i % FANOUT_SLICE === 0) {
        busy += await writtenSince(sliceStart);
        await new Promise((r) => setImmediate(r));
        sliceStart = performance.now();
      }
      const s = streams[i]!;
      if (s.sink.closed) continue;
      const key = s.audienceKey;
      let cls = classes.get(key);
      if (cls === undefined) {
        // A stream that joined after the credentials were read keeps the actor it connected with.
        const actor = principals.has(s.authorization) ? principals.get(s.authorization)?.actor : s.actor;
        if (actor) {
          const visible = audience(actor, channel.organizationId, rows, inputs, s.includePresence);
          const all = s.sink.encode(
            rows
              .filter((_, j) => visible[j])
              .map(eventBlock)
              .join(''),
          );
          cls = { actor, all, visible };
        } else cls = null;
        classes.set(key, cls);
      }
      if (cls === null) {
        this.#end(s, text('revoked', { reason: 'credentials-revoked' }));
        continue;
      }
      s.actor = cls.actor;
      if (rows.length > 0) {
        // A stream that joined ahead of the loop's cursor skips what it already passed.
        const first = ids.findIndex((id) => idAfter(id, s.cursor));
        const bytes =
          first === 0
            ? cls.all
            : first < 0
              ? undefined
              : s.sink.encode(
                  rows
                    .slice(first)
                    .filter((_, j) => cls.visible[first + j])
                    .map(eventBlock)
                    .join(''),
                );
        if (bytes && bytes.length > 0) s.sink.write(bytes);
        if (first >= 0) s.cursor = ids.at(-1)!;
      }
    }
    busy += await writtenSince(sliceStart);
    // After every stream has its bytes: a due refresh of the consoles' presence is a database write
    // (on PGlite, on this thread), which must not hold back the streams after the first slice.
    for (const s of streams) if (!s.sink.closed) s.presence?.beat(changed, now);
    return busy;
  }

  /** A stream behind the loop replays with its own (shared) reads, then joins the loop. */
  async #catchUp(channel: Channel, s: Subscriber): Promise<void> {
    try {
      while (!s.sink.closed && !channel.stop.signal.aborted) {
        if (!idAfter(channel.cursor, s.cursor)) {
          channel.catchingUp.delete(s);
          channel.live.add(s);
          return;
        }
        // Rows up to the loop's cursor were all committed before this read (ids become visible in
        // order), so a short page covers everything up to it.
        const target = channel.cursor;
        const rows = await this.#services.outboxFeed.after(channel.organizationId, s.cursor);
        const inputs = await this.#inputs(channel.organizationId, rows, {});
        const visible = audience(s.actor, channel.organizationId, rows, inputs, s.includePresence);
        const fresh = rows.filter((r, j) => visible[j] && idAfter(String(r.id), s.cursor));
        if (fresh.length > 0) s.sink.write(s.sink.encode(fresh.map(eventBlock).join('')));
        const last = rows.at(-1);
        if (last && idAfter(String(last.id), s.cursor)) s.cursor = String(last.id);
        if (rows.length < OUTBOX_PAGE && idAfter(target, s.cursor)) s.cursor = target;
      }
    } catch (e) {
      console.error('event fan-out, catching up:', e);
      s.sink.close();
    }
  }

  /** Writes a heartbeat comment to every stream of the channel. */
  #heartbeat(channel: Channel): void {
    const streams = [...channel.live, ...channel.catchingUp];
    const bytes = streams[0]?.sink.encode(': heartbeat\n\n');
    for (const s of streams) if (bytes) s.sink.write(bytes);
  }

  /** Ends the streams whose token expired with `token-expired` (the client refreshes and resumes). */
  #expire(channel: Channel): void {
    const now = this.#services.clock().getTime();
    for (const s of [...channel.live, ...channel.catchingUp]) {
      if (s.expiresAt !== undefined && now >= s.expiresAt)
        this.#end(s, text('token-expired', { reason: 'token-expired', lastEventId: s.cursor }));
    }
  }

  /** Milliseconds until the channel's next token expires. */
  #untilExpiry(channel: Channel): number {
    const now = this.#services.clock().getTime();
    let soonest = Number.POSITIVE_INFINITY;
    for (const group of [channel.live, channel.catchingUp])
      for (const s of group) if (s.expiresAt !== undefined) soonest = Math.min(soonest, s.expiresAt - now);
    return soonest;
  }

  #end(s: Subscriber, last: string): void {
    s.sink.write(s.sink.encode(last));
    s.sink.close();
  }
}
