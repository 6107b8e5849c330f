import { describe, expect, it } from 'vitest';
import type { MachineResult } from '../domain/shared/result.js';
import { renderedOps } from './annotations.js';
import { arMachine } from './machine.js';
import { liveMarkers } from './markers.js';
import type { ArMessage } from './schemas.js';
import { type ArEffect, type ArEvent, type ArState, initialArState } from './state.js';
import { customerCapabilities, staffCapabilities } from './test-fixtures.js';

const staff = arMachine({
  participantId: 'staff-1',
  role: 'staff',
  capabilities: staffCapabilities,
  peerRole: () => 'customer',
});
const customer = arMachine({
  participantId: 'customer-1',
  role: 'customer',
  capabilities: customerCapabilities,
  peerRole: () => 'staff',
});
type M = typeof staff;

function run(machine: M, events: ArEvent[], state = initialArState): { state: ArState; effects: ArEffect[] } {
  const effects: ArEffect[] = [];
  for (const event of events) {
    const r = machine.transition(state, event);
    if (!r.ok) throw new Error(`${event.type} refused: ${r.rejection.reason}`);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}
const sent = (effects: ArEffect[]): ArMessage[] =>
  effects.flatMap((e) => (e.type === 'send' ? [e.message] : []));
const issues = (effects: ArEffect[]) => effects.flatMap((e) => (e.type === 'issue' ? [e.issue] : []));
/** Deliver messages from one machine to the other, as the transport would. */
function deliver(machine: M, from: string, messages: ArMessage[], state: ArState, at = 0) {
  return run(
    machine,
    messages.map((message) => ({ type: 'received', from, message, at })),
    state,
  );
}
const shot = {
  id: 'shot-1',
  sessionId: 'sess-1',
  capturedAt: 1,
  capturedBy: 'customer-1',
  width: 1280,
  height: 720,
};
const box = { x: 0.4, y: 0.4, width: 0.2, height: 0.2 };
const refused = (r: MachineResult<ArState, ArEffect>) => (r.ok ? undefined : r.rejection.code);

describe('AR machine: strokes (VS-12)', () => {
  it('sends a stroke as start, segments and end, and the other side rebuilds it', () => {
    const a = run(customer, [
      { type: 'stroke.begin', id: 's1', at: 0, color: '#ff0000', width: 0.01, points: [{ x: 0.1, y: 0.1 }] },
      {
        type: 'stroke.extend',
        id: 's1',
        at: 16,
        points: [
          { x: 0.2, y: 0.2 },
          { x: 0.3, y: 0.3 },
        ],
      },
      { type: 'stroke.end', id: 's1', at: 32 },
    ]);
    expect(sent(a.effects).map((m) => m.type)).toEqual([
      'ar.stroke.start',
      'ar.stroke.append',
      'ar.stroke.end',
    ]);
    const b = deliver(staff, 'customer-1', sent(a.effects), initialArState, 5000);
    expect(b.state.strokes.s1).toMatchObject({ author: 'customer-1', ended: true, updatedAt: 5000 });
    expect(b.state.strokes.s1?.points).toEqual(a.state.strokes.s1?.points);
  });

  it('splits a long segment so every message stays within the per-message point limit', () => {
    const points = Array.from({ length: 1200 }, (_, i) => ({ x: i / 1200, y: 0.5 }));
    const a = run(customer, [{ type: 'stroke.begin', id: 's', at: 0, color: '#fff', width: 0.01, points }]);
    expect(sent(a.effects).map((m) => m.type)).toEqual([
      'ar.stroke.start',
      'ar.stroke.append',
      'ar.stroke.append',
    ]);
  });

  it('refuses a point outside the frame instead of sending it', () => {
    const r = customer.transition(initialArState, {
      type: 'stroke.begin',
      id: 's',
      at: 0,
      color: '#fff',
      width: 0.01,
      points: [{ x: 1.5, y: 0 }],
    });
    expect(refused(r)).toBe('invalid-transition');
  });

  it('drops segments of a stroke it never saw start, and strokes claiming another author’s id', () => {
    const start = {
      type: 'ar.stroke.start',
      id: 's',
      color: '#fff',
      width: 0.01,
      createdAt: 0,
      ttlMs: 4000,
      points: [],
    } satisfies ArMessage;
    const b = deliver(
      staff,
      'customer-1',
      [{ type: 'ar.stroke.append', id: 'x', points: [] }, start],
      initialArState,
    );
    const c = deliver(staff, 'intruder', [start], b.state);
    expect(issues([...b.effects, ...c.effects]).map((i) => i.code)).toEqual(['unknown-stroke', 'conflict']);
    expect(c.state.strokes.s?.author).toBe('customer-1');
  });
});

describe('AR machine: markers (VS-13) and mirror (VS-14) are staff only', () => {
  it('refuses a marker placed by the customer (capabilitiesFor gives no ar.marker)', () => {
    expect(customerCapabilities.has('ar.marker')).toBe(false);
    expect(
      refused(customer.transition(initialArState, { type: 'marker.add', id: 'm', label: 'x', box })),
    ).toBe('forbidden');
    expect(refused(customer.transition(initialArState, { type: 'mirror.set', mirrored: true }))).toBe(
      'forbidden',
    );
  });

  it('drops a marker or mirror message that arrives from a customer', () => {
    const forged = run(staff, [{ type: 'marker.add', id: 'm', label: 'x', box }]);
    const b = deliver(staff, 'customer-1', sent(forged.effects), initialArState);
    expect(b.state.markers).toEqual({});
    expect(issues(b.effects).map((i) => i.code)).toEqual(['forbidden']);
  });

  it('places, moves and removes a marker on the customer’s side; a stale copy cannot revive it', () => {
    const a = run(staff, [
      { type: 'marker.add', id: 'm', label: 'Valve', box },
      { type: 'marker.update', id: 'm', changes: { status: 'lost', confidence: 0.2 } },
    ]);
    const placed = sent(a.effects);
    let b = deliver(customer, 'staff-1', placed, initialArState);
    expect(liveMarkers(b.state.markers)).toMatchObject([
      { id: 'm', status: 'lost', version: 2, owner: 'staff-1' },
    ]);
    const removed = run(staff, [{ type: 'marker.remove', id: 'm' }], a.state);
    b = deliver(customer, 'staff-1', [...sent(removed.effects), ...placed], b.state);
    expect(liveMarkers(b.state.markers)).toEqual([]);
  });
});

describe('AR machine: screenshots annotated by both sides (VS-11)', () => {
  it('ends with identical op sets when both annotate concurrently, in any delivery order', () => {
    const pen = { kind: 'pen' as const, color: '#f00', width: 0.01, points: [{ x: 0.5, y: 0.5 }] };
    const a0 = run(customer, [{ type: 'screenshot.open', screenshot: shot }]);
    const b0 = deliver(staff, 'customer-1', sent(a0.effects), initialArState);
    const a1 = run(
      customer,
      [
        {
          type: 'annotate',
          screenshotId: 'shot-1',
          ops: [
            { ...pen, id: 'c1' },
            { ...pen, id: 'c2' },
          ],
        },
      ],
      a0.state,
    );
    const b1 = run(
      staff,
      [
        {
          type: 'annotate',
          screenshotId: 'shot-1',
          ops: [{ kind: 'text', id: 's1', color: '#000', at: { x: 0, y: 0 }, size: 0.05, text: 'here' }],
        },
      ],
      b0.state,
    );
    const a2 = deliver(customer, 'staff-1', [...sent(b1.effects), ...sent(b1.effects)], a1.state);
    const b2 = deliver(staff, 'customer-1', sent(a1.effects), b1.state);
    expect(a2.state.screenshots['shot-1']?.ops).toEqual(b2.state.screenshots['shot-1']?.ops);
    expect(renderedOps(a2.state.screenshots['shot-1']!.ops).map((o) => o.id)).toEqual(['c1', 's1', 'c2']);
    // A later op renders above everything its author had seen.
    const a3 = run(
      customer,
      [{ type: 'annotate', screenshotId: 'shot-1', ops: [{ kind: 'erase', id: 'e', targets: ['s1'] }] }],
      a2.state,
    );
    expect(renderedOps(a3.state.screenshots['shot-1']!.ops).map((o) => o.id)).toEqual(['c1', 'c2']);
  });
});

describe('AR machine: snapshot for a side that joins late or reconnects', () => {
  it('merges the snapshot: union of ops, markers and mirror from staff; replies once when asked', () => {
    const staffState = run(staff, [
      { type: 'marker.add', id: 'm', label: 'Fuse', box },
      { type: 'mirror.set', mirrored: true },
      { type: 'screenshot.open', screenshot: { ...shot, capturedBy: 'staff-1' } },
      {
        type: 'annotate',
        screenshotId: 'shot-1',
        ops: [
          { kind: 'arrow', id: 'a1', color: '#0f0', width: 0.01, from: { x: 0, y: 0 }, to: { x: 1, y: 1 } },
        ],
      },
    ]).state;
    const asked = run(customer, [{ type: 'peer.connected' }]);
    const reply = deliver(staff, 'customer-1', sent(asked.effects), staffState);
    const replyMessages = sent(reply.effects);
    expect(replyMessages.map((m) => m.type)).toEqual(['ar.snapshot', 'ar.annotate']);
    expect(replyMessages[0]).toMatchObject({ requestReply: false });
    const late = deliver(customer, 'staff-1', replyMessages, asked.state);
    expect(late.state.markers).toEqual(staffState.markers);
    expect(late.state.mirror).toEqual(staffState.mirror);
    expect(late.state.screenshots).toEqual(staffState.screenshots);
    expect(sent(late.effects)).toEqual([]); // no ping-pong
    // Receiving it again changes nothing (same state object).
    expect(deliver(customer, 'staff-1', replyMessages, late.state).state).toBe(late.state);
  });

  it('ignores markers and the mirror flag in a customer’s snapshot but merges its screenshots', () => {
    const c = run(customer, [{ type: 'screenshot.open', screenshot: shot }]).state;
    const forged = {
      ...c,
      markers: {
        m: {
          id: 'm',
          label: '',
          box,
          confidence: 1,
          status: 'tracking' as const,
          owner: 'x',
          version: 9,
          updatedBy: 'x',
        },
      },
      mirror: { mirrored: true, version: 9, by: 'x' },
    };
    const snap = sent(run(customer, [{ type: 'peer.connected' }], forged).effects);
    const s = deliver(staff, 'customer-1', snap, initialArState);
    expect(s.state.markers).toEqual({});
    expect(s.state.mirror.mirrored).toBe(false);
    expect(Object.keys(s.state.screenshots)).toEqual(['shot-1']);
  });

  it('splits a large snapshot into messages that fit the data channel', () => {
    const points = Array.from({ length: 1000 }, (_, i) => ({ x: (i % 997) / 997, y: 0.123456789 }));
    const ops = Array.from({ length: 12 }, (_, i) => ({
      kind: 'pen' as const,
      id: `p${i}`,
      color: '#f00',
      width: 0.01,
      points,
    }));
    const s = run(staff, [
      { type: 'screenshot.open', screenshot: shot },
      { type: 'annotate', screenshotId: 'shot-1', ops },
    ]).state;
    const messages = sent(run(staff, [{ type: 'peer.connected' }], s).effects);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) expect(JSON.stringify(m).length).toBeLessThan(64 * 1024);
  });
});
