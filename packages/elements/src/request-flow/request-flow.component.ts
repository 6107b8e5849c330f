import { callHasEnded, isWebUrl } from '@sightline/core/rules';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { embeddedCall, loadCall, mayTakePartInCall, startCallButton } from '../shared/embedded-call.js';
import { emit } from '../shared/events.js';
import { ObserveController } from '../shared/observe-controller.js';
import type { AuthState, Problem, SessionAction, WireSession } from '../shared/sdk.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { consentQuestion } from './consent-question.js';
import {
  cameraAlreadyAllowed,
  customerOf,
  forgetRequest,
  rememberedRequest,
  rememberRequest,
} from './remembered-request.js';
import { requestFields } from './request-fields.js';
import { requestFlowStyles } from './request-flow.styles.js';
import {
  type Consent,
  type Field,
  type FlowDevice,
  fieldErrors,
  parseTicketLines,
  validateRequest,
} from './request-validation.js';

/**
 * @tagname sightline-request-flow
 * @summary The customer's side of a support session: asks for a video call (device, reason, linked
 * tickets, recording consent when the portal records), then follows the request live — requested,
 * confirmed, in a call — and lets the customer start or join the call, or cancel (VS-1, VS-2, VS-8,
 * VS-10). Outside the portal's business hours it says when staff are back (MC-6).
 *
 * @event {CustomEvent<WireSession>} sightline-session-change - The request was created or its status changed.
 * @event {CustomEvent<CallEventDetail>} sightline-call-start - The call's media connected (from the embedded call).
 * @event {CustomEvent<CallEventDetail>} sightline-call-end - The call ended.
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 *
 * @csspart base - The flow's frame.
 * @csspart form - The request form.
 * @csspart status - The live status panel after submitting.
 * @csspart submit - The submit button.
 * @csspart call - The embedded `<sightline-video-call>`.
 * @csspart rating - The rating asked for after the call (`<sightline-rating-form>`, MC-15).
 * @csspart closed - The notice that staff are not available now and when they are back (MC-6).
 * @csspart queued - The notice that a request made outside business hours waits until staff are back.
 *
 * @cssproperty --sightline-request-flow-max-width - Maximum width (default `--sightline-theme-form-width`, 36rem).
 * @cssproperty --sightline-request-flow-padding - Inner spacing (default `--sightline-theme-space`, 1rem).
 *
 * @example
 * <sightline-request-flow base-url="https://support.example.com" access-code="DEMO-0001"></sightline-request-flow>
 */
export class SightlineRequestFlow extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id', reflect: true },
    devices: { state: true, attribute: false },
    deviceId: { state: true, attribute: false },
    reason: { state: true, attribute: false },
    tickets: { state: true, attribute: false },
    consent: { state: true, attribute: false },
    summaryConsent: { state: true, attribute: false },
    errors: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    calling: { state: true, attribute: false },
  };
  static override styles = requestFlowStyles;

  /** The request to follow. Set after submitting; set it to resume following an earlier request. */
  sessionId = '';

  private devices: FlowDevice[] | undefined;
  private deviceId = '';
  private reason = '';
  private tickets = '';
  private consent: Consent = '';
  /** The answer to the AI-summary question (SI-3), when the device's customer is asked. */
  private summaryConsent: Consent = '';
  private errors: Partial<Record<Field, string>> = {};
  private problem: Problem | undefined;
  private busy = false;
  private calling = false;

  readonly #auth = new ObserveController<AuthState>(this, (a) => {
    if (a.status !== 'signed-in') {
      this.devices = undefined;
      return;
    }
    void this.#loadDevices();
    // An invitation (VS-5) opens its session; back after a reload, the request this browser made
    // for the device (VS-9).
    const customer = customerOf(a.me);
    const remembered =
      customer && !this.sessionId ? (customer.sessionId ?? rememberedRequest(customer)) : undefined;
    if (remembered) {
      this.#resumed = remembered;
      this.sessionId = remembered;
    }
  });
  /** The remembered request this page came back to (rejoins its running call when it may). */
  #resumed: string | undefined;
  readonly #session = new ObserveController<WireSession | undefined>(this, (s) => {
    if (s && s !== this.#lastEmitted) {
      this.#lastEmitted = s;
      emit(this, 'sightline-session-change', s);
    }
  });
  readonly #actions = new ObserveController<ReadonlySet<string>>(this);
  #lastEmitted: WireSession | undefined;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId')) {
      this.#auth.source = this.sdk?.auth$;
      const controller = this.sdk && this.sessionId ? this.sdk.session(this.sessionId) : undefined;
      this.#session.source = controller?.state$;
      this.#actions.source = controller?.actions$;
      if (controller && !controller.snapshot) void this.#load(this.sessionId);
      if (changed.has('sdk')) this.devices = undefined;
    }
  }

  /** The signed-in customer (not staff), whose requests this browser remembers. */
  #customer() {
    const auth = this.#auth.value;
    return auth?.status === 'signed-in' ? customerOf(auth.me) : undefined;
  }

  /** Loads the followed request; one that is gone (deleted, expired, not ours) is forgotten. */
  async #load(sessionId: string): Promise<void> {
    const sdk = this.sdk;
    if (!sdk) return;
    const { data, error } = await sdk.session(sessionId).refresh();
    if (sessionId !== this.sessionId || sdk !== this.sdk) return;
    const customer = this.#customer();
    if (error) {
      if (customer && [403, 404, 410].includes(error.status)) forgetRequest(customer, sessionId);
      if (this.#resumed === sessionId && !customer?.sessionId) {
        this.#resumed = undefined;
        this.sessionId = '';
        return;
      }
      this.#fail(error);
      return;
    }
    if (this.#resumed === sessionId && data.status === 'running' && (await cameraAlreadyAllowed()))
      await this.#startCall();
  }

  async #loadDevices(): Promise<void> {
    const sdk = this.sdk;
    if (!sdk) return;
    const { data, error } = await sdk.api.GET('/v1/devices');
    if (sdk !== this.sdk) return;
    if (error) {
      this.#fail(error as Problem);
      return;
    }
    this.devices = data.items;
    if (!this.devices.some((d) => d.id === this.deviceId)) this.deviceId = this.devices[0]?.id ?? '';
  }

  get #device(): FlowDevice | undefined {
    return this.devices?.find((d) => d.id === this.deviceId);
  }

  #fail(problem: Problem): void {
    this.problem = problem;
    emit(this, 'sightline-error', problem);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const sdk = this.sdk;
    if (!sdk || this.busy) return;
    this.problem = undefined;
    this.errors = validateRequest(this.localize.term, {
      devices: this.devices ?? [],
      device: this.#device,
      reason: this.reason,
      tickets: this.tickets,
      consent: this.consent,
    });
    if (Object.keys(this.errors).length > 0) {
      await this.#focusFirstError();
      return;
    }
    this.busy = true;
    const device = this.#device;
    const links = parseTicketLines(this.tickets).map((l) => l.url);
    const result = await sdk.sessions.create({
      ...(device && (this.devices?.length ?? 0) > 1 ? { deviceId: device.id } : {}),
      reason: this.reason.trim(),
      ...(links.length ? { ticketLinks: links } : {}),
      ...(device?.portal.recordingEnabled && this.consent ? { recordingConsent: this.consent } : {}),
    });
    this.busy = false;
    if (result.error) {
      this.errors = fieldErrors(this.localize.term, result.error, this.tickets);
      this.#fail(result.error);
      await this.#focusFirstError();
      return;
    }
    // SI-3: the answer to the summary question goes to the consent log of the new session.
    if (device?.summaryQuestion && this.summaryConsent) {
      await sdk.api.POST('/v1/sessions/{id}/consents', {
        params: { path: { id: result.data.id } },
        body: { kind: 'summary', decision: this.summaryConsent },
      });
    }
    this.reason = '';
    this.tickets = '';
    this.consent = '';
    this.summaryConsent = '';
    this.sessionId = result.data.id;
    const customer = this.#customer();
    if (customer) rememberRequest(customer, result.data.id);
    await this.#focusStatus();
  }

  /** Focus goes to the request's status line (after submitting, after the call). */
  async #focusStatus(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="status"] [role="status"]')?.focus();
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    (target ?? this.renderRoot.querySelector<HTMLElement>('.alert'))?.focus();
  }

  async #cancel(): Promise<void> {
    const sdk = this.sdk;
    if (!sdk || !this.sessionId) return;
    this.busy = true;
    const result = await sdk.session(this.sessionId).cancel();
    this.busy = false;
    if (result.error) this.#fail(result.error);
  }

  // The rating form's code loads the first time it may be shown (a call of the session has ended:
  // before, the form shows nothing), not with the page: it is part of the call's chunk (issue 13).
  #ratingModule?: Promise<unknown>;

  #ratingForm(session: WireSession) {
    if (callHasEnded(session)) this.#ratingModule ??= import('../rating/rating-form.js');
    return html`<sightline-rating-form part="rating" session-id=${session.id} .sightline=${this.sdk}></sightline-rating-form>`;
  }

  async #startCall(): Promise<void> {
    this.problem = undefined;
    // The call code (and its media transport) loads only once a call may start, never with the
    // request flow (see startCallButton).
    await loadCall();
    this.calling = true;
  }

  #newRequest(): void {
    const customer = this.#customer();
    if (customer) forgetRequest(customer);
    this.#resumed = undefined;
    this.sessionId = '';
    this.calling = false;
    this.problem = undefined;
    this.errors = {};
  }

  protected override render(): TemplateResult {
    const t = this.localize.term;
    return html`<section part="base" lang=${this.localize.lang} aria-labelledby="heading">
      <h2 id="heading">${t.requestHeading}</h2>
      ${this.#body()}
    </section>`;
  }

  #body(): TemplateResult {
    const t = this.localize.term;
    if (!this.sdk) return html`<p role="status">${t.notConnected}</p>`;
    const auth = this.#auth.value;
    if (auth?.status === 'signed-out') return html`<p role="status">${t.notConnected}</p>`;
    if (auth?.status === 'failed')
      return html`<p class="alert" role="alert">${this.localize.problem(auth.problem)}</p>`;
    if (this.sessionId) return this.#status();
    if (!this.devices) {
      return html`${this.#alert()}<p role="status">${t.loading}</p>`;
    }
    const device = this.#device;
    if (!device?.portal.requestsEnabled) {
      return html`<p class="alert" role="alert" part="disabled">${t.requestsDisabled}</p>`;
    }
    return this.#form(device);
  }

  #alert(): TemplateResult | typeof nothing {
    if (!this.problem) return nothing;
    const t = this.localize.term;
    const problem = this.problem as Problem & { nextOpenAt?: string };
    let text: string;
    if (problem.code === 'outside-business-hours' || problem.type.endsWith('/outside-business-hours')) {
      // MC-6: outside the portal's business hours the server says when staff are back.
      text = problem.nextOpenAt ? t.staffBackAt(this.#when(problem.nextOpenAt)) : t.staffUnavailable;
    } else if (problem.status === 403 && !this.sessionId) text = t.requestsDisabled;
    else text = this.localize.problem(problem);
    return html`<p class="alert" role="alert" tabindex="-1" part=${problem.code === 'outside-business-hours' ? 'closed' : nothing}>${text}</p>`;
  }

  /** An instant as the customer reads it: their language, their time zone. */
  #when(iso: string): string {
    return new Intl.DateTimeFormat(this.localize.lang, { dateStyle: 'full', timeStyle: 'short' }).format(
      new Date(iso),
    );
  }

  #form(device: FlowDevice): TemplateResult {
    const t = this.localize.term;
    const devices = this.devices ?? [];
    return html`<form part="form" novalidate @submit=${this.#submit}>
      ${this.#alert()}
      ${requestFields(t, {
        devices,
        deviceId: this.deviceId,
        reason: this.reason,
        tickets: this.tickets,
        errors: this.errors,
        change: (field, value) => {
          this[field] = value;
          const error = field === 'deviceId' ? 'device' : field;
          if (this.errors[error]) this.errors = { ...this.errors, [error]: undefined };
        },
        checkTickets: () => {
          const bad = parseTicketLines(this.tickets).find((l) => !isWebUrl(l.url));
          this.errors = { ...this.errors, tickets: bad ? t.ticketInvalid(bad.line) : undefined };
        },
      })}
      ${device.portal.recordingEnabled ? this.#consent('consent') : nothing}
      ${device.summaryQuestion ? this.#consent('summaryConsent') : nothing}
      <div class="actions">
        <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>
          ${this.busy ? t.submitting : t.submit}
        </button>
      </div>
    </form>`;
  }

  /** A required yes/no question: recording (VS-10) or the AI summary (SI-3). */
  #consent(field: 'consent' | 'summaryConsent'): TemplateResult {
    return consentQuestion(this.localize.term, field, this[field], this.errors[field], (answer) => {
      this[field] = answer;
      this.errors = { ...this.errors, [field]: undefined };
    });
  }

  #status(): TemplateResult {
    const t = this.localize.term;
    const session = this.#session.value;
    const actions: ReadonlySet<string> = this.#actions.value ?? new Set<SessionAction>();
    if (!session) return html`${this.#alert()}<p role="status">${t.loading}</p>`;
    const status = session.status;
    const canCall = mayTakePartInCall(status, actions);
    const ended = status === 'completed' || status === 'closed' || status === 'cancelled';
    return html`<div part="status" data-status=${status}>
      ${this.#alert()}
      <p role="status" aria-live="polite" tabindex="-1" ?hidden=${this.calling}>
        ${status === 'requested' ? html`<span class="waiting" aria-hidden="true"></span>` : nothing}
        <span class="status-badge">${t.status[status]}</span>
        <span class="status-text">${t.flowStatus[status]}</span>
      </p>
      ${
        status === 'requested' && session.queuedUntil
          ? html`<p part="queued">${t.queuedUntil(this.#when(session.queuedUntil))}</p>`
          : nothing
      }
      ${
        this.calling
          ? embeddedCall('customer', session.id, this.sdk, () => {
              this.calling = false;
              void this.#focusStatus();
            })
          : nothing
      }
      ${
        // MC-15: after the call the customer is asked for a rating (once; skippable).
        status !== 'running' && !this.calling ? this.#ratingForm(session) : nothing
      }
      <div class="actions">
        ${
          canCall && !this.calling
            ? startCallButton(status === 'running' ? t.joinCall : t.startCall, session.id, this.sdk, () => {
                void this.#startCall();
              })
            : nothing
        }
        ${
          actions.has('cancel')
            ? html`<button class="danger" data-action="cancel" ?disabled=${this.busy} @click=${this.#cancel}>
                ${t.cancelRequest}
              </button>`
            : nothing
        }
        ${
          // An invited customer reaches only this session; new requests need the device's code.
          ended && !this.#customer()?.sessionId
            ? html`<button data-action="new" @click=${this.#newRequest}>${t.newRequest}</button>`
            : nothing
        }
      </div>
    </div>`;
  }
}
