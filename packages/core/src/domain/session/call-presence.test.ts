import { describe, expect, it } from 'vitest';
import { abandonedAt, CALL_PRESENCE, type CallAttendance, presenceAt } from './call-presence';

const t = { heartbeatMs: 1_000, timeoutMs: 3_000, graceMs: 60_000 };
const customer = (lastSeenAt: number, leftAt?: number): CallAttendance => ({
  participantId: 'c',
  role: 'customer',
  lastSeenAt,
  leftAt,
});
const staff = (lastSeenAt: number, leftAt?: number, participantId = 's'): CallAttendance => ({
  participantId,
  role: 'staff',
  lastSeenAt,
  leftAt,
});

describe('call presence (VS-9)', () => {
  it('defaults make absence known within 5 s: a missed timeout plus one beat', () => {
    expect(CALL_PRESENCE.timeoutMs + CALL_PRESENCE.heartbeatMs).toBeLessThanOrEqual(5_000);
    expect(CALL_PRESENCE.graceMs).toBe(60_000);
  });

  it('is present while beats arrive; away since the last beat once they stop; away at once when it said it left', () => {
    expect(presenceAt(customer(10_000), 12_999, t)).toEqual({ present: true });
    expect(presenceAt(customer(10_000), 13_001, t)).toEqual({ present: false, since: 10_000 });
    expect(presenceAt(customer(10_000, 10_500), 10_600, t)).toEqual({ present: false, since: 10_500 });
    // A beat after leaving (a reload came back) counts: present again.
    expect(presenceAt(customer(11_000, 10_500), 11_100, t)).toEqual({ present: true });
  });

  it('a side away for the grace period abandons the call; a return within it does not', () => {
    const left = [customer(0, 1_000), staff(70_000)];
    expect(abandonedAt(left, 30_000, t)).toBe(61_000);
    const back = [customer(50_000, 1_000), staff(70_000)];
    expect(abandonedAt(back, 50_500, t)).toBeUndefined();
  });

  it('a side of several is gone only when its last member is, since that one went', () => {
    const two = [customer(100_000), staff(5_000, 5_000, 's1'), staff(100_000, undefined, 's2')];
    expect(abandonedAt(two, 100_500, t)).toBeUndefined();
    const both = [customer(100_000), staff(5_000, 5_000, 's1'), staff(20_000, undefined, 's2')];
    expect(abandonedAt(both, 100_500, t)).toBe(80_000);
  });

  it('a side that never joined does not abandon the call; both gone ends at the earlier deadline', () => {
    expect(abandonedAt([staff(0)], 1_000, t)).toBeUndefined();
    expect(abandonedAt([customer(0, 0)], 1_000, t)).toBe(60_000);
    expect(abandonedAt([customer(0, 0), staff(10_000, 10_000)], 20_000, t)).toBe(60_000);
  });
});
