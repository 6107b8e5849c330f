import type { SessionEffect } from '@sightline/core/domain';

/**
 * Kinds of webhook events, declared once: the contract's enum, the endpoints' `events` filter and the
 * fan-out all read this list (SI-12). `webhook.test` is the ping `POST /v1/webhooks/{id}/test` sends;
 * it cannot be subscribed to. An outbox event of the same name as an entry passes through as is;
 * `recording.available` carries the recording's id and link.
 */
export const webhookEventTypes = [
  'session.requested',
  'session.confirmed',
  'session.completed',
  'summary.created',
  'summary.updated',
  'summary.deleted',
  'recording.available',
] as const;
/** One of {@link webhookEventTypes}. */
export type WebhookEventType = (typeof webhookEventTypes)[number];
/** The ping of `POST /v1/webhooks/{id}/test`: sent to the one endpoint, whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test';

/** An outbox row as the fan-out reads it, with the session it concerns (when it still exists). */
export interface OutboxRow {
  id: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date | string;
  session: { id: string; portal_id: string; team_id: string | null; ticket_links: string[] } | null;
}

/** What a webhook carries (Standard Webhooks shape): ids and links only, never summary text. */
export interface WebhookPayload {
  type: WebhookEventType | typeof TEST_EVENT;
  timestamp: string;
  data: {
    sessionId: string;
    status?: string;
    summaryId?: string;
    recordingId?: string;
    portalId: string;
    teamId: string | null;
    ticketLinks: string[];
    links: { session: string; summary?: string; recording?: string };
  };
}

/** Session statuses that are webhook events when a session enters them (`session.changed`). */
const STATUS_EVENTS: Record<string, WebhookEventType> = {
  confirmed: 'session.confirmed',
  completed: 'session.completed',
};

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * The webhook events an outbox row stands for, with their payloads: `session.created` →
 * `session.requested`; `session.changed` whose status became confirmed or completed (its
 * `status-changed` effect; a reopen also confirms) → `session.confirmed` / `session.completed`;
 * an outbox type that is itself in the catalog (`summary.*`) → the same name. Anything else → none.
 */
export function webhookEventsOf(row: OutboxRow, publicUrl: string): WebhookPayload[] {
  const data = record(row.data);
  const session = record(data.session);
  const sessionId = String(session.id ?? data.sessionId ?? row.session?.id ?? '');
  if (!sessionId) return [];
  const base = publicUrl.replace(/\/+$/, '');
  const sessionLink = `${base}/v1/sessions/${encodeURIComponent(sessionId)}`;
  const timestamp = new Date(row.created_at).toISOString();
  // The session as the event saw it, else as it is now.
  const portalId = typeof session.portalId === 'string' ? session.portalId : row.session?.portal_id;
  if (!portalId) return [];
  const teamId =
    session.teamId === null || typeof session.teamId === 'string'
      ? (session.teamId as string | null)
      : (row.session?.team_id ?? null);
  const ticketLinks = Array.isArray(session.ticketLinks)
    ? session.ticketLinks.map(String)
    : (row.session?.ticket_links ?? []);
  const common = { sessionId, portalId, teamId, ticketLinks };
  const summaryLink = `${sessionLink}/summary`;

  if (row.type === 'session.created') {
    return [
      {
        type: 'session.requested',
        timestamp,
        data: { ...common, status: String(session.status ?? 'requested'), links: { session: sessionLink } },
      },
    ];
  }
  if (row.type === 'session.changed') {
    const effects = Array.isArray(data.effects) ? (data.effects as SessionEffect[]) : [];
    const out: WebhookPayload[] = [];
    for (const effect of effects) {
      if (effect.type !== 'status-changed') continue;
      const type = STATUS_EVENTS[effect.to];
      if (!type) continue;
      const links =
        type === 'session.completed'
          ? { session: sessionLink, summary: summaryLink }
          : { session: sessionLink };
      out.push({ type, timestamp, data: { ...common, status: effect.to, links } });
    }
    return out;
  }
  const sameName = webhookEventTypes.find((type) => type === row.type);
  const recordingId =
    typeof record(data.recording).id === 'string' ? String(record(data.recording).id) : undefined;
  if (sameName && recordingId) {
    return [
      {
        type: sameName,
        timestamp,
        data: {
          ...common,
          recordingId,
          links: {
            session: sessionLink,
            recording: `${base}/v1/recordings/${encodeURIComponent(recordingId)}`,
          },
        },
      },
    ];
  }
  if (sameName) {
    return [
      {
        type: sameName,
        timestamp,
        data: {
          ...common,
          ...(typeof data.status === 'string' ? { status: data.status } : {}),
          ...(typeof data.summaryId === 'string' ? { summaryId: data.summaryId } : {}),
          links: sameName.startsWith('summary.')
            ? { session: sessionLink, summary: summaryLink }
            : { session: sessionLink },
        },
      },
    ];
  }
  return [];
}

/** Whether an endpoint subscribed to `events` (a list, or `["*"]`) takes `type`. */
export function subscribes(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}
