import type { SummaryLanguage } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SummaryInput, SummaryTimelineEntry } from './summarizer.js';

interface Bundle {
  session: {
    id: string;
    reason: string;
    ticket_links: string[];
    created_at: string;
    organization_id: string;
    assignee_ids: string[];
    device_id: string;
    device_name: string;
    portal_id: string;
    portal_name: string;
  };
  calls: { id: string; started_at: string; ended_at: string | null; transport: string }[] | null;
  shots: { at: string }[] | null;
  ops: { at: string }[] | null;
  consents: { at: string; kind: string; decision: string }[] | null;
  messages:
    | {
        at: string;
        kind: 'chat' | 'note';
        author_kind: 'customer' | 'staff';
        author_id: string;
        text: string;
      }[]
    | null;
  completed_at: string | null;
  confirmed_at: string | null;
  people: { id: string; name: string }[] | null;
}

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * Everything a summarizer sees of one session (SI-7), in one query: the request (reason, linked
 * tickets, device, portal), who held it, its calls, screenshots and their annotations, consent
 * answers, the chat and staff notes, and when it was confirmed and completed — as a time-ordered
 * timeline plus the messages.
 * @example
 * const input = await loadSummaryInput(db, sessionId, 'de');
 */
export async function loadSummaryInput(
  db: Kysely<Database>,
  sessionId: string,
  language: SummaryLanguage,
): Promise<SummaryInput> {
  const { rows } = await sql<Bundle>`select
      json_build_object('id', s.id, 'reason', s.reason, 'ticket_links', s.ticket_links, 'created_at', s.created_at,
        'organization_id', s.organization_id, 'assignee_ids', s.assignee_ids, 'device_id', d.id,
        'device_name', d.name, 'portal_id', p.id, 'portal_name', p.name) as session,
      (select json_agg(json_build_object('id', c.id, 'started_at', c.started_at, 'ended_at', c.ended_at,
          'transport', c.transport) order by c.started_at) from calls c where c.session_id = s.id) as calls,
      (select json_agg(json_build_object('at', x.created_at) order by x.created_at)
        from screenshots x where x.session_id = s.id) as shots,
      (select json_agg(json_build_object('at', o.created_at) order by o.created_at)
        from screenshot_ops o where o.session_id = s.id) as ops,
      (select json_agg(json_build_object('at', k.created_at, 'kind', k.kind, 'decision', k.decision) order by k.id)
        from consents k where k.session_id = s.id) as consents,
      (select json_agg(json_build_object('at', m.created_at, 'kind', m.kind, 'author_kind', m.author_kind,
          'author_id', m.author_id, 'text', m.text) order by m.seq)
        from session_messages m where m.session_id = s.id) as messages,
      (select max(e.created_at) from outbox e where e.session_id = s.id and e.type = 'session.changed'
        and e.data->'session'->>'status' = 'completed') as completed_at,
      (select min(e.created_at) from outbox e where e.session_id = s.id and e.type = 'session.changed'
        and e.data->'session'->>'status' = 'confirmed') as confirmed_at,
      (select json_agg(json_build_object('id', u.id, 'name', u.display_name)) from users u
        where u.organization_id = s.organization_id and u.id in (
          select jsonb_array_elements_text(s.assignee_ids)
          union select m.author_id from session_messages m where m.session_id = s.id and m.author_kind = 'staff')) as people
    from sessions s join devices d on d.id = s.device_id join portals p on p.id = s.portal_id
    where s.id = ${sessionId}`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`no session ${sessionId}`);
  const { session } = row;
  const names = new Map((row.people ?? []).map((p) => [p.id, p.name]));
  const timeline: SummaryTimelineEntry[] = [{ at: iso(session.created_at), kind: 'requested' }];
  if (row.confirmed_at) timeline.push({ at: iso(row.confirmed_at), kind: 'confirmed' });
  for (const c of row.calls ?? []) {
    timeline.push({
      at: iso(c.started_at),
      kind: 'call-started',
      detail: { callId: c.id, transport: c.transport },
    });
    if (c.ended_at) {
      const seconds = Math.round((Date.parse(c.ended_at) - Date.parse(c.started_at)) / 1000);
      timeline.push({ at: iso(c.ended_at), kind: 'call-ended', detail: { callId: c.id, seconds } });
    }
  }
  for (const s of row.shots ?? []) timeline.push({ at: iso(s.at), kind: 'screenshot' });
  for (const o of row.ops ?? []) timeline.push({ at: iso(o.at), kind: 'annotation' });
  for (const k of row.consents ?? []) {
    timeline.push({ at: iso(k.at), kind: 'consent', detail: { kind: k.kind, decision: k.decision } });
  }
  if (row.completed_at) timeline.push({ at: iso(row.completed_at), kind: 'completed' });
  timeline.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    sessionId: session.id,
    language,
    reason: session.reason,
    ticketLinks: session.ticket_links,
    device: { id: session.device_id, name: session.device_name },
    portal: { id: session.portal_id, name: session.portal_name },
    // Who held the session: its assignees, then staff who wrote in it (an unassigned session too).
    agents: [
      ...new Set([
        ...session.assignee_ids,
        ...(row.messages ?? []).filter((m) => m.author_kind === 'staff').map((m) => m.author_id),
      ]),
    ].map((id) => ({ id, name: names.get(id) ?? '' })),
    requestedAt: iso(session.created_at),
    completedAt: row.completed_at ? iso(row.completed_at) : null,
    calls: (row.calls ?? []).map((c) => ({
      id: c.id,
      startedAt: iso(c.started_at),
      endedAt: c.ended_at ? iso(c.ended_at) : null,
      transport: c.transport,
    })),
    timeline,
    messages: (row.messages ?? []).map((m) => ({
      at: iso(m.at),
      kind: m.kind,
      author: m.author_kind,
      authorName: m.author_kind === 'customer' ? session.device_name : (names.get(m.author_id) ?? ''),
      text: m.text,
    })),
  };
}
