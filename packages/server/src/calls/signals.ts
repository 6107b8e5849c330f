import { sql } from 'kysely';
import type { Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';

/** One signal to store: who sends it to whom in which call; `monitor` for a silent monitor's (MC-8). */
export interface NewSignal {
  organizationId: string;
  callId: string;
  from: string;
  /** A participant, or `null` for everyone else in the call. */
  to: string | null;
  payload: unknown;
  monitor?: boolean;
}

/** The advisory lock space of signal appenders (the outbox's is the single key 727275). */
const SIGNAL_APPENDERS = 727276;

/**
 * Stores a signal (413 past the size limit) and wakes the signal streams, on every replica: the
 * one place participants' and monitors' signals are written. A stream reads a call's signals after
 * the last id it passed, so ids must become visible in order: on PostgreSQL the insert first takes
 * an advisory lock for its call, held until it commits, and takes its id only then — two signals
 * of one call can no longer commit the later id first, which a stream reading between the two
 * commits skipped for good (a lost offer, answer or candidate). On PGlite statements run one at a
 * time on one connection.
 */
export async function storeSignal(services: Services, signal: NewSignal): Promise<string> {
  const { db, kind } = services.handle;
  const payload = JSON.stringify(signal.payload);
  if (Buffer.byteLength(payload) > services.config.maxSignalBytes) {
    throw new ProblemError(
      413,
      'signal-too-large',
      `Signal payloads are limited to ${services.config.maxSignalBytes} bytes.`,
    );
  }
  const values = {
    organization_id: signal.organizationId,
    call_id: signal.callId,
    from_participant: signal.from,
    to_participant: signal.to,
    payload,
    monitor: signal.monitor ?? false,
    created_at: services.clock(),
  };
  const inserted =
    kind === 'pglite'
      ? await db.insertInto('signals').values(values).returning('id').executeTakeFirstOrThrow()
      : (
          await sql<{ id: string }>`insert into signals
              (organization_id, call_id, from_participant, to_participant, payload, monitor, created_at)
            select ${values.organization_id}, ${values.call_id}, ${values.from_participant},
              ${values.to_participant}, ${values.payload}::jsonb, ${values.monitor}, ${values.created_at}
            from (select pg_advisory_xact_lock(${SIGNAL_APPENDERS}, hashtext(${values.call_id}))) as serialized
            returning id`.execute(db)
        ).rows[0]!;
  // Other replicas wake when the insert's write announcement arrives (db/connect.ts).
  services.handle.notifier.notify();
  return String(inserted.id);
}
