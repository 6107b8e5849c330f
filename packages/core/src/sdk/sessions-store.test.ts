import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { SessionsStore } from './sessions-store';
import type { WireSession } from './wire';

const session = (version: number, capabilities?: string[]): WireSession => ({
  id: 's1',
  organizationId: 'o1',
  portalId: 'p1',
  deviceId: 'd1',
  teamId: null,
  assigneeIds: [],
  status: 'requested',
  reason: 'E42',
  ticketLinks: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version,
  calls: [],
  ...(capabilities ? { capabilities } : {}),
});

describe('SessionsStore', () => {
  it('never rolls a session back to an older version', () => {
    const store = new SessionsStore();
    store.upsert(session(2));
    expect(store.upsert(session(1))).toBe(false);
    expect(store.get('s1')?.version).toBe(2);
  });

  it('MC-5: takes the caller’s capabilities from an answer of the same version', () => {
    const store = new SessionsStore();
    store.upsert(session(1));
    expect(store.upsert(session(1, ['ar.draw']))).toBe(true);
    expect(store.get('s1')?.capabilities).toEqual(['ar.draw']);
    expect(store.upsert(session(1, ['ar.draw']))).toBe(false);
  });

  it('MC-5: keeps the known capabilities when a newer event carries none', async () => {
    const store = new SessionsStore();
    store.upsert(session(1, ['ar.draw', 'ar.marker']));
    store.upsert({ ...session(2), status: 'confirmed' });
    const s = await firstValueFrom(store.session$('s1'));
    expect(s).toMatchObject({ version: 2, status: 'confirmed', capabilities: ['ar.draw', 'ar.marker'] });
  });
});
