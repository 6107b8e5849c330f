// Texts of who is still in the call (VS-9): part of the call's per-language texts (terms/), so a call
// downloads its own language's only.

type Role = 'customer' | 'staff';

/** The presence texts of the call; every language provides each one. */
export interface PresenceTerms {
  who: Record<Role, string>;
  away: (who: string, secondsLeft: number | undefined) => string;
  back: (who: string) => string;
  abandoned: (who: string) => string;
  abandonedNobody: string;
  cameraOff: string;
  muted: string;
}

/** Minutes and seconds of the time left, as the presence texts show it. */
export const clock = (s: number): string => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
