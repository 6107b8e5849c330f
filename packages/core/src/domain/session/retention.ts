/**
 * Session data (details, chat, screenshots, summaries, diagnostics, recordings) is kept this many
 * days after a session's last change by default (MC-14); the server's retention period is
 * configuration, this is its default and the window reports may cover (MC-9).
 */
export const SESSION_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * The instant before which a session's data is past retention: sessions last changed before it are
 * purged. Pure.
 * @example
 * retentionCutoff(new Date('2026-04-01T00:00:00Z'), 90); // 2026-01-01T00:00:00.000Z
 */
export function retentionCutoff(now: Date, days: number = SESSION_RETENTION_DAYS): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Whether a session last changed at `lastChangedAt` is past retention at `now`.
 * @example
 * isPastRetention(new Date('2026-01-01T00:00:00Z'), new Date('2026-04-02T00:00:00Z')); // true (91 days)
 */
export function isPastRetention(
  lastChangedAt: Date,
  now: Date,
  days: number = SESSION_RETENTION_DAYS,
): boolean {
  return lastChangedAt.getTime() < retentionCutoff(now, days).getTime();
}
