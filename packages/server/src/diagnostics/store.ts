import { type Kysely, type Selectable, sql } from 'kysely';
import type { CallDiagnosticsTable, Database } from '../db/schema.js';
import type { CallDiagnosticsSummaryWire, CallDiagnosticsWire } from './schemas.js';

type Row = Selectable<CallDiagnosticsTable>;

export function diagnosticsToWire(row: Row): CallDiagnosticsWire {
  return {
    callId: row.call_id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    role: row.role,
    summary: row.summary as unknown as CallDiagnosticsSummaryWire,
    reports: row.reports,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface DiagnosticsAuthor {
  callId: string;
  sessionId: string;
  organizationId: string;
  participantId: string;
  role: 'customer' | 'staff';
  authorId: string;
}

/**
 * Stores a participant's report for a call, replacing the one before unless that one covers more
 * samples (a periodic report arriving after the final one changes nothing).
 * @returns the stored row and whether it is the first report of this participant
 */
export async function saveDiagnostics(
  db: Kysely<Database>,
  author: DiagnosticsAuthor,
  summary: CallDiagnosticsSummaryWire,
  now: Date,
): Promise<{ row: Row; created: boolean }> {
  const inserted = await db
    .insertInto('call_diagnostics')
    .values({
      call_id: author.callId,
      participant_id: author.participantId,
      session_id: author.sessionId,
      organization_id: author.organizationId,
      role: author.role,
      author_id: author.authorId,
      summary: JSON.stringify(summary),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['call_id', 'participant_id'])
        .doUpdateSet((eb) => ({
          summary: eb.ref('excluded.summary'),
          updated_at: now,
          reports: sql<number>`call_diagnostics.reports + 1`,
        }))
        .where(
          sql<boolean>`(call_diagnostics.summary->>'samples')::bigint <= (excluded.summary->>'samples')::bigint`,
        ),
    )
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirst();
  if (inserted) {
    const { inserted: created, ...row } = inserted;
    return { row, created: Boolean(created) };
  }
  const kept = await db
    .selectFrom('call_diagnostics')
    .selectAll()
    .where('call_id', '=', author.callId)
    .where('participant_id', '=', author.participantId)
    .executeTakeFirstOrThrow();
  return { row: kept, created: false };
}

/** Every report of a session's calls, by call start, customer before staff. */
export async function diagnosticsOf(db: Kysely<Database>, sessionId: string): Promise<Row[]> {
  return db
    .selectFrom('call_diagnostics')
    .innerJoin('calls', 'calls.id', 'call_diagnostics.call_id')
    .selectAll('call_diagnostics')
    .where('call_diagnostics.session_id', '=', sessionId)
    .orderBy('calls.started_at')
    .orderBy('call_diagnostics.call_id')
    .orderBy('call_diagnostics.role')
    .orderBy('call_diagnostics.participant_id')
    .execute();
}
