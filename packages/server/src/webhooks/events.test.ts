import { describe, expect, it } from 'vitest';
import { type OutboxRow, subscribes, webhookEventsOf, webhookEventTypes } from './events.js';

const session = { id: 's1', portal_id: 'p1', team_id: 't1', ticket_links: ['https://crm.test/t/1'] };
const row = (type: string, data: Record<string, unknown>): OutboxRow => ({
  id: '7',
  type,
  data,
  created_at: new Date('2025-01-02T03:04:05Z'),
  session,
});
const wire = {
  id: 's1',
  portalId: 'p1',
  teamId: 't1',
  ticketLinks: ['https://crm.test/t/1'],
  status: 'requested',
  reason: 'secret',
};

describe('outbox rows → webhook events (SI-12)', () => {
  it('session.created is session.requested, with the session as the event saw it and no reason', () => {
    const [event, ...rest] = webhookEventsOf(row('session.created', { session: wire }), 'https://x.test/');
    expect(rest).toEqual([]);
    expect(event).toEqual({
      type: 'session.requested',
      timestamp: '2025-01-02T03:04:05.000Z',
      data: {
        sessionId: 's1',
        status: 'requested',
        portalId: 'p1',
        teamId: 't1',
        ticketLinks: ['https://crm.test/t/1'],
        links: { session: 'https://x.test/v1/sessions/s1' },
      },
    });
  });

  it.each([
    ['requested', 'confirmed', 'confirm', 'session.confirmed'],
    ['completed', 'confirmed', 'reopen', 'session.confirmed'],
    ['running', 'completed', 'end-call', 'session.completed'],
  ])('session.changed %s → %s (%s) is %s', (from, to, event, type) => {
    const events = webhookEventsOf(
      row('session.changed', {
        session: { ...wire, status: to },
        event,
        effects: [{ type: 'status-changed', from, to }, { type: 'schedule-auto-close' }],
      }),
      'https://x.test',
    );
    expect(events.map((e) => [e.type, e.data.status])).toEqual([[type, to]]);
    if (type === 'session.completed')
      expect(events[0]!.data.links.summary).toBe('https://x.test/v1/sessions/s1/summary');
  });

  it.each([
    [
      'session.changed',
      {
        session: { ...wire, status: 'running' },
        effects: [{ type: 'status-changed', from: 'confirmed', to: 'running' }],
      },
    ],
    [
      'session.changed',
      {
        session: { ...wire, status: 'closed' },
        effects: [{ type: 'status-changed', from: 'completed', to: 'closed' }],
      },
    ],
    ['session.changed', { session: wire, effects: [] }],
    ['message.created', { sessionId: 's1', message: { text: 'hello' } }],
    ['call.started', { sessionId: 's1' }],
    ['team.created', {}],
  ])('%s without a webhook event → none', (type, data) => {
    expect(webhookEventsOf(row(type, data), 'https://x.test')).toEqual([]);
  });

  it.each(['summary.created', 'summary.updated', 'summary.deleted'])(
    '%s passes through with ids and links',
    (type) => {
      const [event] = webhookEventsOf(
        row(type, {
          summaryId: 'sum_1',
          sessionId: 's1',
          status: 'ready',
          reason: null,
          editedBy: 'user:u1',
        }),
        'https://x.test',
      );
      expect(event).toEqual({
        type,
        timestamp: '2025-01-02T03:04:05.000Z',
        data: {
          sessionId: 's1',
          status: 'ready',
          summaryId: 'sum_1',
          portalId: 'p1',
          teamId: 't1',
          ticketLinks: ['https://crm.test/t/1'],
          links: {
            session: 'https://x.test/v1/sessions/s1',
            summary: 'https://x.test/v1/sessions/s1/summary',
          },
        },
      });
    },
  );

  it('subscriptions: a list, or "*" for the whole catalog', () => {
    expect(subscribes(['*'], 'summary.deleted')).toBe(true);
    expect(subscribes(['summary.created'], 'summary.deleted')).toBe(false);
    expect(webhookEventTypes).not.toContain('webhook.test');
  });
});
