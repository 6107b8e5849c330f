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

/**
 * Stores a signal (413 past the size limit) and wakes the signal streams, on every replica: the
 * one place participants' and monitors' signals are written.
 */
export async function storeSignal(services: Services, signal: NewSignal): Promise<string> {
  const { db } = services.handle;
  const payload = JSON.stringify(signal.payload);
  if (Buffer.byteLength(payload) > services.config.maxSignalBytes) {
    throw new ProblemError(
      413,
      'signal-too-large',
      `Signal payloads are limited to ${services.config.maxSignalBytes} bytes.`,
    );
  }
  const inserted = await db
    .insertInto('signals')
    .values({
      organization_id: signal.organizationId,
      call_id: signal.callId,
      from_participant: signal.from,
      to_participant: signal.to,
      payload,
      monitor: signal.monitor ?? false,
      created_at: services.clock(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Other replicas wake when the insert's write announcement arrives (db/connect.ts).
  services.handle.notifier.notify();
  return String(inserted.id);
}
