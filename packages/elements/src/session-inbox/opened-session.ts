// The session a staff member has open in this tab, kept in sessionStorage per user, so a reload of
// the console comes back to it — and to its Join button while its call runs (VS-9). Storage may be
// unavailable (sandboxed frames): then nothing is kept.

const keyOf = (userId: string) => `sightline:inbox:${userId}`;

/** The session this tab had open for the user, if any. */
export function openedSession(userId: string): string | undefined {
  try {
    return sessionStorage.getItem(keyOf(userId)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps (or, for an empty id, forgets) the session the user has open in this tab. */
export function rememberOpened(userId: string, sessionId: string): void {
  try {
    if (sessionId) sessionStorage.setItem(keyOf(userId), sessionId);
    else sessionStorage.removeItem(keyOf(userId));
  } catch {
    // Not kept: a reload shows the list without a selection.
  }
}
