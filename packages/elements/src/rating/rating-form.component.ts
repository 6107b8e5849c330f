import type { components } from '@sightline/api-client';
import { actorOf } from '@sightline/core/client';
// Imported from core directly, not through ../shared/sdk.ts (see video-call/ar-capabilities.ts).
import { mayRate, RATING_MAX_COMMENT, RATING_MAX_SCORE } from '@sightline/core/rules';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ObserveController } from '../shared/observe-controller.js';
import type { Me, Problem, WireSession } from '../shared/sdk.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { ratingFormStyles } from './rating-form.styles.js';
import { ratingTexts } from './rating-translations.js';

/** A rating as the API returns it. */
export type Rating = components['schemas']['Rating'];

const STARS = Array.from({ length: RATING_MAX_SCORE }, (_, i) => i + 1);

/** Where "Skip" is remembered: this browser tab, per rater and session. */
export function skipKey(participantId: string, sessionId: string): string {
  return `sightline-rating-skipped:${participantId}:${sessionId}`;
}

function skippedHere(key: string): boolean {
  try {
    return sessionStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

/**
 * @tagname sightline-rating-form
 * @summary Asks the customer, or a staff member holding the session, to rate it once its call has
 * ended (MC-15): five stars as a radio group (arrow keys move between them), an optional comment,
 * Send or Skip. Once sent it thanks and never asks again — the server is asked on every load, so
 * also not after a reload; Skip hides it for this session in this browser tab (sessionStorage).
 * Renders nothing for anyone else (managers above the holders read ratings but give none).
 *
 * @event {CustomEvent<Rating>} sightline-rating - The rating was stored.
 * @event {CustomEvent<Problem>} sightline-error - Sending failed; the detail is the problem.
 *
 * @csspart form - The rating form.
 * @csspart stars - The five stars.
 * @csspart send - The send button.
 * @csspart skip - The skip button.
 * @csspart thanks - The thank-you line after rating.
 *
 * @cssproperty --sightline-rating-star-color - Colour of chosen stars (default `--sightline-theme-star`, #8a5a00).
 *
 * @example
 * <sightline-rating-form session-id="…"></sightline-rating-form>
 */
export class SightlineRatingForm extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    score: { state: true, attribute: false },
    comment: { state: true, attribute: false },
    error: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    mine: { state: true, attribute: false },
    justSent: { state: true, attribute: false },
    skipped: { state: true, attribute: false },
  };
  static override styles = ratingFormStyles;

  constructor() {
    super();
    this.localize.need(ratingTexts);
  }

  /** The session to rate. */
  sessionId = '';

  private score = 0;
  private comment = '';
  private error: '' | 'score' | 'comment' = '';
  private problem: Problem | undefined;
  private busy = false;
  /** The caller's own rating: `undefined` until the server answered, `null` when there is none. */
  private mine: Rating | null | undefined;
  private justSent = false;
  private skipped = false;

  readonly #me = new ObserveController<Me | undefined>(this);
  readonly #session = new ObserveController<WireSession | undefined>(this);
  /** `sessionId` and rater the server was last asked about. */
  #askedFor = '';
  /** One key per rating being sent, so a retried send stores one rating. */
  #idempotencyKey = '';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId')) {
      this.#me.source = this.sdk?.me$;
      const controller = this.sdk && this.sessionId ? this.sdk.session(this.sessionId) : undefined;
      this.#session.source = controller?.state$;
      if (controller && !controller.snapshot) void controller.refresh();
      this.#askedFor = '';
      this.mine = undefined;
      this.justSent = false;
      this.score = 0;
      this.comment = '';
      this.error = '';
      this.problem = undefined;
    }
    const me = this.#rater();
    const asking = me ? `${this.sessionId}\n${me.participantId}` : '';
    if (me && asking !== this.#askedFor) {
      this.#askedFor = asking;
      this.skipped = skippedHere(skipKey(me.participantId, this.sessionId));
      void this.#loadMine(me);
    }
  }

  /** The signed-in caller when the shared rule lets them rate this session now. */
  #rater(): Me | undefined {
    const me = this.#me.value;
    const s = this.#session.value;
    if (!me || !s || s.id !== this.sessionId) return undefined;
    const outcome = mayRate(actorOf(me), {
      organizationId: s.organizationId,
      deviceId: s.deviceId,
      assigneeIds: s.assigneeIds,
      calls: s.calls,
    });
    return outcome.ok ? me : undefined;
  }

  /** Asks the server whether the caller rated this session already (a customer sees only their own). */
  async #loadMine(me: Me): Promise<void> {
    const sdk = this.sdk;
    const id = this.sessionId;
    if (!sdk) return;
    const { data } = await sdk.api.GET('/v1/sessions/{id}/ratings', { params: { path: { id } } });
    if (sdk !== this.sdk || id !== this.sessionId || !data) return;
    this.mine = data.items.find((r) => r.by.participantId === me.participantId) ?? null;
  }

  async #send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const sdk = this.sdk;
    const me = this.#rater();
    if (!sdk || !me || this.busy) return;
    this.problem = undefined;
    const comment = this.comment.trim();
    this.error = this.score < 1 ? 'score' : comment.length > RATING_MAX_COMMENT ? 'comment' : '';
    if (this.error) {
      await this.updateComplete;
      this.renderRoot
        .querySelector<HTMLElement>(this.error === 'score' ? 'input[name="score"]' : 'textarea')
        ?.focus();
      return;
    }
    this.#idempotencyKey ||= crypto.randomUUID();
    this.busy = true;
    const { data, error, response } = await sdk.api.POST('/v1/sessions/{id}/ratings', {
      params: { path: { id: this.sessionId }, header: { 'idempotency-key': this.#idempotencyKey } },
      body: { score: this.score, ...(comment ? { comment } : {}) },
    });
    this.busy = false;
    if (data) {
      this.#idempotencyKey = '';
      this.mine = data;
      this.justSent = true;
      this.dispatchEvent(
        new CustomEvent('sightline-rating', { detail: data, bubbles: true, composed: true }),
      );
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="thanks"]')?.focus();
      return;
    }
    const problem = error as Problem;
    // Rated meanwhile (another tab): show that rating instead of asking again.
    if (
      response.status === 409 &&
      (problem.code === 'already-rated' || problem.type?.endsWith('/already-rated'))
    ) {
      this.#idempotencyKey = '';
      await this.#loadMine(me);
      return;
    }
    this.problem = problem;
    this.dispatchEvent(
      new CustomEvent('sightline-error', { detail: problem, bubbles: true, composed: true }),
    );
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
  }

  #skip(): void {
    const me = this.#rater();
    if (!me) return;
    try {
      sessionStorage.setItem(skipKey(me.participantId, this.sessionId), '1');
    } catch {
      // Storage refused (private mode): skipped until the page reloads.
    }
    this.skipped = true;
  }

  protected override render(): TemplateResult | typeof nothing {
    const t = ratingTexts.table[this.localize.lang];
    if (!this.#rater() || this.mine === undefined) return nothing;
    if (this.mine) {
      return html`<p part="thanks" role="status" tabindex="-1" lang=${this.localize.lang}>
        ${this.justSent ? `${t.thanks} ` : ''}${t.rated(this.mine.score)}
      </p>`;
    }
    if (this.skipped) return nothing;
    return html`<form part="form" novalidate aria-labelledby="rating-heading" lang=${this.localize.lang} @submit=${this.#send}>
      <h3 id="rating-heading">${t.heading}</h3>
      ${this.problem ? html`<p class="alert" role="alert" tabindex="-1">${this.localize.problem(this.problem)}</p>` : nothing}
      <fieldset
        role="radiogroup"
        aria-required="true"
        aria-invalid=${this.error === 'score' ? 'true' : 'false'}
        aria-describedby=${this.error === 'score' ? 'score-error' : nothing}
      >
        <legend>${t.question}</legend>
        <div part="stars">
          ${STARS.map(
            (n) => html`<input
                type="radio"
                id=${`star-${n}`}
                name="score"
                value=${n}
                .checked=${this.score === n}
                @change=${() => {
                  this.score = n;
                  if (this.error === 'score') this.error = '';
                }}
              /><label for=${`star-${n}`} title=${t.stars(n)} ?data-on=${n <= this.score}
                ><span aria-hidden="true">${n <= this.score ? '★' : '☆'}</span
                ><span class="visually-hidden">${t.stars(n)}</span></label
              >`,
          )}
        </div>
        ${this.error === 'score' ? html`<p class="error" id="score-error">${t.scoreRequired}</p>` : nothing}
      </fieldset>
      <div class="field">
        <label for="rating-comment">${t.comment}</label>
        <textarea
          id="rating-comment"
          maxlength=${RATING_MAX_COMMENT}
          aria-invalid=${this.error === 'comment' ? 'true' : 'false'}
          aria-describedby=${this.error === 'comment' ? 'comment-error' : nothing}
          .value=${this.comment}
          @input=${(e: Event) => {
            this.comment = (e.target as HTMLTextAreaElement).value;
            if (this.error === 'comment') this.error = '';
          }}
        ></textarea>
        ${this.error === 'comment' ? html`<p class="error" id="comment-error">${t.commentTooLong}</p>` : nothing}
      </div>
      <div class="actions">
        <button class="primary" type="submit" part="send" ?disabled=${this.busy}>${this.busy ? t.sending : t.send}</button>
        <button type="button" part="skip" ?disabled=${this.busy} @click=${this.#skip}>${t.skip}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sightline-rating': CustomEvent<Rating>;
  }
}
