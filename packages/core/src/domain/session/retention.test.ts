import { describe, expect, it } from 'vitest';
import { isPastRetention, retentionCutoff, SESSION_RETENTION_DAYS } from './retention.js';

describe('session data retention (MC-14)', () => {
  const last = new Date('2026-01-01T12:00:00Z');
  const day = (n: number) => new Date(last.getTime() + n * 86_400_000);

  it('keeps 90 days by default', () => {
    expect(SESSION_RETENTION_DAYS).toBe(90);
    expect(retentionCutoff(day(90)).toISOString()).toBe(last.toISOString());
  });

  it('a session is past retention only after the whole period', () => {
    expect(isPastRetention(last, day(89))).toBe(false);
    expect(isPastRetention(last, day(90))).toBe(false);
    expect(isPastRetention(last, new Date(day(90).getTime() + 1))).toBe(true);
    expect(isPastRetention(last, day(91))).toBe(true);
  });

  it('follows a configured period', () => {
    expect(isPastRetention(last, day(31), 30)).toBe(true);
    expect(isPastRetention(last, day(29), 30)).toBe(false);
    expect(isPastRetention(last, day(91), 180)).toBe(false);
  });
});
