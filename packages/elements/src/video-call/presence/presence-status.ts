import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { CallPresenceView } from '../../shared/sdk.js';
import type { PresenceTerms } from './presence-translations.js';

/** The other side's absence as the call shows it: who, and the seconds until the call ends. */
export interface Absence {
  role: 'customer' | 'staff';
  secondsLeft: number | undefined;
}

/**
 * Who is still in the call (VS-9), from the call session's `presence$`: while the other side is
 * away it ticks once a second, so the countdown to the end of the call stays true; it stops
 * ticking when they are back or the call is over.
 */
export class PresenceStatus implements ReactiveController {
  #view: CallPresenceView | undefined;
  /** The side that was away last: who a call that ended as abandoned waited for. */
  lastAway: 'customer' | 'staff' | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  set view(view: CallPresenceView | undefined) {
    this.#view = view;
    const counting = view?.endsAt !== undefined;
    if (counting && !this.#timer) this.#timer = setInterval(() => this.host.requestUpdate(), 1_000);
    if (!counting) this.#stop();
    this.host.requestUpdate();
  }

  /** The other side, when all of it is away. */
  get absence(): Absence | undefined {
    const others = this.#view?.others ?? [];
    if (others.length === 0 || others.some((o) => o.present)) return undefined;
    const endsAt = this.#view?.endsAt;
    this.lastAway = others[0]!.role;
    return {
      role: others[0]!.role,
      secondsLeft: endsAt === undefined ? undefined : Math.max(0, Math.ceil((endsAt - Date.now()) / 1000)),
    };
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** The banner over the video while the other side is away (the status line announces it). */
export function absenceBanner(
  absence: Absence | undefined,
  t: PresenceTerms,
): TemplateResult | typeof nothing {
  if (!absence) return nothing;
  return html`<div part="presence-banner" class="presence-banner" data-away=${absence.role} aria-hidden="true">
    ${t.away(t.who[absence.role], absence.secondsLeft)}
  </div>`;
}
