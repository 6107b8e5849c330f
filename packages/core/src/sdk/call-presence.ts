import type { components, SightlineClient } from '@sightline/api-client';

type Answer = components['schemas']['CallPresence'];

/** The other participants of the call as this side sees them (VS-9). */
export interface CallPresenceView {
  others: { participantId: string; role: 'customer' | 'staff'; present: boolean }[];
  /** `Date.now()` at which the call ends as abandoned unless the side that is gone returns. */
  endsAt?: number;
  graceMs: number;
}

export interface PresenceOptions {
  onView(view: CallPresenceView): void;
  /** The server says the call has ended (one side was gone for the grace period, or a hang-up). */
  onEnded(): void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** The page whose closing says "left" (default `window` where there is one). */
  page?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

/** Keeping this side's presence in a call; loaded with the call code. */
export interface PresenceKeeper {
  /** Says "left" and stops. */
  leave(): Promise<void>;
  /** Stops without a word (the call ended anyway). */
  stop(): void;
}

/**
 * Sends this side's heartbeat to `POST …/calls/{callId}/presence` at the pace the server asks for,
 * hands every answer on as the others' presence, and says "left" when the page closes (a request
 * that outlives the page) or when leaving. A lost beat is replaced by the next; none disturbs the
 * call.
 * @example
 * const keeper = keepPresence(api, sessionId, callId, myParticipantId, { onView, onEnded });
 * await keeper.leave(); // hanging up
 */
export function keepPresence(
  api: SightlineClient,
  sessionId: string,
  callId: string,
  me: string,
  options: PresenceOptions,
): PresenceKeeper {
  const later = options.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const cancel = options.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const page = options.page ?? (typeof window === 'undefined' ? undefined : window);
  const params = { path: { id: sessionId, callId } };
  let running = true;
  let timer: unknown;
  // The beat on its way: "left" waits for it, or the server, taking the beat after the "left",
  // would count this side present until its beats time out.
  let inFlight: Promise<unknown> | undefined;

  const beat = async () => {
    if (!running) return;
    let next = 1_500;
    try {
      const sending = api.POST('/v1/sessions/{id}/calls/{callId}/presence', {
        params,
        body: { present: true },
      });
      inFlight = sending;
      const { data, response } = await sending;
      if (response.status === 409) {
        stop();
        options.onEnded();
        return;
      }
      if (data && running) {
        next = data.heartbeatMs;
        options.onView(viewOf(data, me));
      }
    } catch {
      // Offline for a moment: the next beat tells.
    }
    if (running) timer = later(() => void beat(), next);
  };
  const say = (present: boolean, keepalive: boolean) =>
    api
      .POST('/v1/sessions/{id}/calls/{callId}/presence', { params, body: { present }, keepalive })
      .catch(() => undefined);
  // Closing the tab or navigating away; a page restored from the back-forward cache beats again.
  const hidden = () => void say(false, true);
  const shown = (e: Event) => {
    if ((e as PageTransitionEvent).persisted && running) {
      cancel(timer);
      void beat();
    }
  };
  page?.addEventListener('pagehide', hidden);
  page?.addEventListener('pageshow', shown);
  const stop = () => {
    running = false;
    cancel(timer);
    page?.removeEventListener('pagehide', hidden);
    page?.removeEventListener('pageshow', shown);
  };
  void beat();
  return {
    stop,
    async leave() {
      if (!running) return;
      stop();
      await inFlight?.catch(() => undefined);
      await say(false, false);
    },
  };
}

function viewOf(answer: Answer, me: string): CallPresenceView {
  return {
    others: answer.participants
      .filter((p) => p.participantId !== me)
      .map((p) => ({ participantId: p.participantId, role: p.role, present: p.present })),
    ...(answer.endsInMs === undefined ? {} : { endsAt: Date.now() + answer.endsInMs }),
    graceMs: answer.graceMs,
  };
}
