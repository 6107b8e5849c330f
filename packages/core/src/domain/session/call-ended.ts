// A module of its own, so a page that only asks whether a call has ended (the request flow, to load
// the rating form when it may show) does not bundle the rating rule with it (issue 13).

/**
 * Whether a call of the session has ended: a completed or closed session, or one reopened after its
 * call. Only whether one has ended matters, whatever the order of `calls`.
 */
export function callHasEnded(session: {
  calls: readonly { endedAt?: string | Date | null | undefined }[];
}): boolean {
  return session.calls.some((c) => c.endedAt !== undefined && c.endedAt !== null);
}
