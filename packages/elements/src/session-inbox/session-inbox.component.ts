// Imported from core directly, not through ../shared/sdk.ts (see video-call/ar-capabilities.ts).
import { isWebUrl, mayClaim } from '@sightline/core/domain';
import { actorOf } from '@sightline/core/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { embeddedCall, mayTakePartInCall } from '../shared/embedded-call.js';
import { emit } from '../shared/events.js';
import { ObserveController } from '../shared/observe-controller.js';
import type { ApiSession, Me, Problem, Result, SessionController, WireSession } from '../shared/sdk.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { sessionInboxStyles } from './session-inbox.styles.js';
import '../summary-viewer/summary-viewer.js';
import '../rating/rating-form.js';
import './session-log.js';
import '../session-details/session-details.js';
import { resumeRecordingsOnSignIn } from '../video-call/recording/shared-recorder.js';
import { inboxTerms } from './inbox-translations.js';
import { openedSession, rememberOpened } from './opened-session.js';
import { alertsToggle, RequestAlerts } from './request-alerts.js';

type Status = WireSession['status'];

/** The order of the status groups: what needs attention first. */
const GROUPS: readonly Status[] = ['requested', 'confirmed', 'running', 'completed', 'closed', 'cancelled'];
const OPEN: ReadonlySet<Status> = new Set(['requested', 'confirmed', 'running', 'completed']);

interface InboxDevice {
  id: string;
  name: string;
}

type LifecycleAction = 'confirm' | 'close' | 'reopen';

interface Holder {
  id: string;
  displayName: string;
  deleted: boolean;
}

/**
 * A ticket link as a link only when it is an absolute http(s) URL (the domain's rule, as the server
 * checks on the way in): a link stored before that check, or by another system, is shown as text.
 */
function ticketLink(url: string) {
  return isWebUrl(url)
    ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${url}</a>`
    : html`<span class="unsafe-link" data-unsafe-link>${url}</span>`;
}

/**
 * @tagname sightline-session-inbox
 * @summary The staff inbox: every session the signed-in staff member may handle, live and grouped by
 * status, with a badge counting new requests; the selected session's details (device, reason,
 * tickets, who asked and when, every call) and the actions the rules allow right now — confirm,
 * cancel with an optional reason, close, reopen, start the call — plus "New session" for a device
 * (VS-3, VS-4, VS-5, VS-6, VS-8, VS-16). Every session shows who handles it (or that it waits for the
 * team), live; an agent of the session's team claims an unassigned one (VS-3, VS-7).
 *
 * @event {CustomEvent<WireSession>} sightline-session-change - The selected session changed (an action here, or elsewhere).
 * @event {CustomEvent<CallEventDetail>} sightline-call-start - A call's media connected (from the embedded call).
 * @event {CustomEvent<CallEventDetail>} sightline-call-end - A call ended.
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 *
 * @csspart base - The inbox's frame.
 * @csspart badge - The count of new requests.
 * @csspart list - The session list.
 * @csspart item - One session in the list.
 * @csspart details - The selected session's details.
 * @csspart new-session - The "New session" form.
 * @csspart call - The embedded `<sightline-video-call>`.
 * @csspart summary - The AI summary of a completed session (`<sightline-summary-viewer>`).
 * @csspart messages - The chat and notes of a completed session (`<sightline-session-log>`).
 * @csspart record - Screenshots, recordings and call quality of a completed session (`<sightline-session-details>`, MC-10).
 * @csspart rating - The holder's rating of a completed session, asked once (`<sightline-rating-form>`, MC-15).
 *
 * @cssproperty --sightline-session-inbox-list-width - Width of the list column (default `--sightline-theme-list-width`, 20rem).
 * @cssproperty --sightline-session-inbox-badge-background - Badge colour (default `--sightline-theme-danger`).
 * @cssproperty --sightline-session-inbox-selected-background - Selected item background (default `--sightline-theme-selected`).
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-session-inbox></sightline-session-inbox>
 * </sightline-provider>
 */
export class SightlineSessionInbox extends SightlineElement {
  static override styles = sessionInboxStyles;

  /** The selected session. Reflected, so a host can deep-link to one. */
  @property({ attribute: 'session-id', reflect: true }) sessionId = '';
  /** `open` (default: everything not closed or cancelled) or `all`. */
  @property() filter: 'open' | 'all' = 'open';

  @state() private devices: InboxDevice[] = [];
  @state() private problem: Problem | undefined;
  @state() private busy = false;
  @state() private cancelling = false;
  @state() private cancelReason = '';
  @state() private creating = false;
  @state() private newDeviceId = '';
  @state() private newReason = '';
  @state() private newErrors: { device?: string; reason?: string } = {};
  @state() private calling = false;
  @state() private notice = '';
  /** Names of the holders seen so far, for a session that arrives without them. */
  readonly #names = new Map<string, Holder>();

  readonly #me = new ObserveController<Me | undefined>(this, (me) => {
    if (me?.kind !== 'staff') return;
    this.#alerts.forUser(me.userId);
    void this.#loadDevices();
    // Back after a reload: the session this tab had open (VS-9).
    if (!this.sessionId) this.sessionId = openedSession(me.userId) ?? '';
  });
  readonly #list = new ObserveController<WireSession[]>(this, (list) => this.#alerts.seen(list));
  /** Opt-in tone and browser notification for new requests (VS-3). */
  readonly #alerts = new RequestAlerts(this, () => {
    const t = inboxTerms[this.localize.lang];
    return { title: t.alertTitle, body: t.alertBody };
  });
  readonly #loaded = new ObserveController<boolean>(this);
  readonly #selected = new ObserveController<WireSession | undefined>(this, (s) => {
    if (s && s !== this.#lastEmitted) {
      this.#lastEmitted = s;
      emit(this, 'sightline-session-change', s);
    }
  });
  readonly #actions = new ObserveController<ReadonlySet<string>>(this);
  #lastEmitted: WireSession | undefined;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk')) {
      // Recordings a reload or a crash left in this browser are uploaded once staff are back (VS-10).
      resumeRecordingsOnSignIn(this.sdk);
      this.#me.source = this.sdk?.me$;
      this.#list.source = this.sdk?.sessions.list$;
      this.#loaded.source = this.sdk?.sessions.loaded$;
    }
    if (changed.has('sessionId')) {
      const me = this.#me.value;
      if (me?.kind === 'staff') rememberOpened(me.userId, this.sessionId);
    }
    if (changed.has('sdk') || changed.has('sessionId')) {
      const controller = this.#controller();
      this.#selected.source = controller?.state$;
      this.#actions.source = controller?.actions$;
      this.cancelling = false;
      this.calling = false;
    }
  }

  #controller(): SessionController | undefined {
    return this.sdk && this.sessionId ? this.sdk.session(this.sessionId) : undefined;
  }

  async #loadDevices(): Promise<void> {
    const sdk = this.sdk;
    if (!sdk) return;
    const { data, error } = await sdk.api.GET('/v1/devices');
    if (sdk !== this.sdk) return;
    if (error) this.#fail(error as Problem);
    else this.devices = data.items;
  }

  #fail(problem: Problem): void {
    this.problem = problem;
    emit(this, 'sightline-error', problem);
  }

  async #act(run: () => Promise<Result<unknown>>): Promise<boolean> {
    this.busy = true;
    this.problem = undefined;
    const result = await run();
    this.busy = false;
    if (result.error) {
      this.#fail(result.error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
      return false;
    }
    return true;
  }

  async #lifecycle(action: LifecycleAction): Promise<void> {
    const c = this.#controller();
    if (!c || !(await this.#act(() => c[action]()))) return;
    // Focus moves to what comes next: Start call after confirming or reopening (once it shows).
    if (action !== 'close') this.#focusNext = '[part="details"] [data-action="start-call"]';
    this.requestUpdate();
  }

  /** A control to focus as soon as it is rendered (the session's new state may arrive a moment later). */
  #focusNext = '';

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.#focusNext) return;
    const next = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
    if (next) {
      this.#focusNext = '';
      next.focus();
    }
  }

  async #cancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const c = this.#controller();
    if (!c) return;
    const reason = this.cancelReason.trim();
    if (await this.#act(() => c.cancel(reason || undefined))) {
      this.cancelling = false;
      this.cancelReason = '';
    }
  }

  async #startCall(): Promise<void> {
    // Call code (and its media transport) loads only when a call starts.
    await import('../video-call/video-call.js');
    this.calling = true;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const sdk = this.sdk;
    if (!sdk) return;
    const t = inboxTerms[this.localize.lang];
    const reason = this.newReason.trim();
    this.newErrors = {
      ...(this.newDeviceId ? {} : { device: t.deviceRequired }),
      ...(reason ? {} : { reason: t.reasonRequired }),
    };
    if (this.newErrors.device || this.newErrors.reason) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="new-session"] [aria-invalid="true"]')?.focus();
      return;
    }
    let created: WireSession | undefined;
    const ok = await this.#act(async () => {
      const r = await sdk.sessions.create({ deviceId: this.newDeviceId, reason });
      created = r.data;
      return r;
    });
    if (ok && created) {
      this.creating = false;
      this.newReason = '';
      this.newDeviceId = '';
      this.sessionId = created.id;
    } else if (this.problem?.errors?.length) {
      for (const e of this.problem.errors) {
        if (e.path.endsWith('reason')) this.newErrors = { ...this.newErrors, reason: t.reasonRequired };
        if (e.path.endsWith('deviceId')) this.newErrors = { ...this.newErrors, device: t.deviceRequired };
      }
    }
  }

  #select(id: string): void {
    this.creating = false;
    this.problem = undefined;
    this.notice = '';
    this.sessionId = id;
  }

  /** Who handles the session, in words: the holders' names, "You", or "Unassigned". */
  #holder(s: WireSession, me: Me & { kind: 'staff' }, empty: string): string {
    const t = inboxTerms[this.localize.lang];
    if (s.assigneeIds.length === 0) return empty;
    const known = (s as Partial<ApiSession>).assignees ?? [];
    for (const h of known) this.#names.set(h.id, h);
    return s.assigneeIds
      .map((id) => {
        if (id === me.userId) return t.you;
        const h = this.#names.get(id);
        if (!h) return t.anotherAgent;
        return h.deleted ? t.deletedUser(h.displayName) : h.displayName;
      })
      .join(', ');
  }

  /** VS-3: an agent of the session's team takes it (the shared rule decides whether to offer it). */
  #mayClaim(s: WireSession, me: Me & { kind: 'staff' }): boolean {
    const outcome = mayClaim(
      actorOf(me),
      { organizationId: s.organizationId, teamId: s.teamId, assigneeIds: s.assigneeIds, status: s.status },
      [],
    );
    return outcome.ok && outcome.changed;
  }

  async #claim(): Promise<void> {
    const sdk = this.sdk;
    const controller = this.#controller();
    if (!sdk || !controller) return;
    const id = this.sessionId;
    const ok = await this.#act(async () => {
      const r = await sdk.api.POST('/v1/sessions/{id}/claim', { params: { path: { id } } });
      return r.error ? { error: r.error as Problem } : { data: r.data };
    });
    if (!ok) return;
    await controller.refresh();
    this.notice = inboxTerms[this.localize.lang].claimed;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-field="assignee"]')?.focus();
  }

  #deviceName(id: string): string {
    return this.devices.find((d) => d.id === id)?.name ?? id;
  }

  protected override render(): TemplateResult {
    const t = inboxTerms[this.localize.lang];
    const me = this.#me.value;
    const list = this.#list.value ?? [];
    const fresh = list.filter((s) => s.status === 'requested').length;
    return html`<section part="base" lang=${this.localize.lang} aria-labelledby="heading">
      <header>
        <h2 id="heading">${t.inboxHeading}</h2>
        ${
          me?.kind === 'staff'
            ? html`<span part="badge" data-count=${fresh} role="status" aria-live="polite">${t.newCount(fresh)}</span>
                <label class="filter"
                  >${t.filter}
                  <select
                    data-filter
                    @change=${(e: Event) => {
                      this.filter = (e.target as HTMLSelectElement).value as 'open' | 'all';
                    }}
                  >
                    <option value="open" ?selected=${this.filter === 'open'}>${t.filterOpen}</option>
                    <option value="all" ?selected=${this.filter === 'all'}>${t.filterAll}</option>
                  </select></label
                >
                <button class="primary" data-action="new" @click=${() => this.#openNew()}>${t.newSession}</button>
                ${alertsToggle(this.#alerts, t.alerts)}
                <sightline-presence .sightline=${this.sdk}></sightline-presence>`
            : nothing
        }
      </header>
      ${this.#main(me, list)}
    </section>`;
  }

  #openNew(): void {
    this.creating = true;
    this.problem = undefined;
    this.newErrors = {};
    if (this.devices.length === 1) this.newDeviceId = this.devices[0]?.id ?? '';
    void this.updateComplete.then(() =>
      this.renderRoot
        .querySelector<HTMLElement>('[part="new-session"] select, [part="new-session"] textarea')
        ?.focus(),
    );
  }

  #main(me: Me | undefined, list: WireSession[]): TemplateResult {
    const t = inboxTerms[this.localize.lang];
    if (!this.sdk) return html`<p role="status">${t.notConnected}</p>`;
    if (me?.kind !== 'staff') return html`<p role="status">${t.staffOnly}</p>`;
    if (!this.#loaded.value && list.length === 0) return html`<p role="status">${t.loading}</p>`;
    const shown = this.filter === 'all' ? list : list.filter((s) => OPEN.has(s.status));
    const groups = GROUPS.map((status) => ({
      status,
      items: shown.filter((s) => s.status === status),
    })).filter((g) => g.items.length > 0);
    return html`<nav part="list" aria-labelledby="heading">
        ${groups.length === 0 ? html`<p>${t.noSessions}</p>` : nothing}
        ${groups.map(
          (g) => html`<h3 id=${`group-${g.status}`}>${t.status[g.status]} (${g.items.length})</h3>
            <ul aria-labelledby=${`group-${g.status}`}>
              ${g.items.map(
                (s) => html`<li>
                  <button
                    part="item"
                    data-session=${s.id}
                    aria-current=${s.id === this.sessionId ? 'true' : 'false'}
                    @click=${() => this.#select(s.id)}
                  >
                    <span>${s.reason}</span>
                    <span class="meta">${this.#deviceName(s.deviceId)} · ${this.localize.dateTime(s.createdAt)}</span>
                    <span class="meta" data-holder>${this.#holder(s, me, t.unassigned)}</span>
                  </button>
                </li>`,
              )}
            </ul>`,
        )}
      </nav>
      <div>
        ${this.problem ? html`<p class="alert" role="alert" tabindex="-1">${this.localize.problem(this.problem)}</p>` : nothing}
        ${this.creating ? this.#newForm() : this.#details(me)}
      </div>`;
  }

  #newForm(): TemplateResult {
    const t = inboxTerms[this.localize.lang];
    const e = this.newErrors;
    return html`<form part="new-session" novalidate aria-labelledby="new-heading" @submit=${this.#create}>
      <h3 id="new-heading">${t.newSession}</h3>
      <div class="field">
        <label for="new-device">${t.device}</label>
        <select
          id="new-device"
          aria-invalid=${e.device ? 'true' : 'false'}
          aria-describedby=${e.device ? 'new-device-error' : nothing}
          @change=${(ev: Event) => {
            this.newDeviceId = (ev.target as HTMLSelectElement).value;
            this.newErrors = { ...this.newErrors, device: undefined };
          }}
        >
          <option value="" ?selected=${!this.newDeviceId}>${t.chooseDevice}</option>
          ${this.devices.map((d) => html`<option value=${d.id} ?selected=${d.id === this.newDeviceId}>${d.name}</option>`)}
        </select>
        ${e.device ? html`<p class="error" id="new-device-error">${e.device}</p>` : nothing}
      </div>
      <div class="field">
        <label for="new-reason">${t.reason}</label>
        <textarea
          id="new-reason"
          aria-required="true"
          aria-invalid=${e.reason ? 'true' : 'false'}
          aria-describedby=${e.reason ? 'new-reason-error' : nothing}
          .value=${this.newReason}
          @input=${(ev: Event) => {
            this.newReason = (ev.target as HTMLTextAreaElement).value;
            this.newErrors = { ...this.newErrors, reason: undefined };
          }}
        ></textarea>
        ${e.reason ? html`<p class="error" id="new-reason-error">${e.reason}</p>` : nothing}
      </div>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.createSession}</button>
        <button type="button" @click=${() => (this.creating = false)}>${t.back}</button>
      </div>
    </form>`;
  }

  #details(me: Me & { kind: 'staff' }): TemplateResult {
    const t = inboxTerms[this.localize.lang];
    const s = this.#selected.value as (WireSession & Partial<ApiSession>) | undefined;
    if (!s) return html`<p>${t.selectHint}</p>`;
    const actions = this.#actions.value ?? new Set<string>();
    const who =
      s.requestedBy?.kind === 'staff'
        ? s.requestedBy.userId === me.userId
          ? me.displayName
          : t.byStaff
        : t.byCustomer;
    const canCall = mayTakePartInCall(s.status, actions);
    return html`<article part="details" data-status=${s.status} aria-labelledby="details-heading">
      <h3 id="details-heading" tabindex="-1">${t.details}</h3>
      <dl>
        <dt>${t.device}</dt>
        <dd data-field="device">${this.#deviceName(s.deviceId)}</dd>
        <dt>${t.reason}</dt>
        <dd data-field="reason">${s.reason}</dd>
        <dt>${t.tickets}</dt>
        <dd data-field="tickets">
          ${
            s.ticketLinks.length
              ? html`<ul>
                  ${s.ticketLinks.map((l) => html`<li>${ticketLink(l)}</li>`)}
                </ul>`
              : t.noTicketsLinked
          }
        </dd>
        <dt>${t.requestedBy}</dt>
        <dd data-field="requested-by">${who}</dd>
        <dt>${t.heldBy}</dt>
        <dd data-field="assignee" tabindex="-1">${this.#holder(s, me, t.unassignedHint)}${s.assigneeIds.map((id) => html`<sightline-presence-badge .sightline=${this.sdk} user-id=${id}></sightline-presence-badge>`)}</dd>
        <dt>${t.created}</dt>
        <dd data-field="created"><time datetime=${s.createdAt}>${this.localize.dateTime(s.createdAt)}</time></dd>
        <dt>${t.statusLabel}</dt>
        <dd data-field="status">
          ${t.status[s.status]}${s.status === 'cancelled' && s.cancelReason ? html` — ${t.cancelledBecause(s.cancelReason)}` : nothing}
        </dd>
        <dt>${t.calls}</dt>
        <dd data-field="calls">
          ${
            s.calls.length
              ? html`<ol>
                  ${s.calls.map(
                    (c, i) =>
                      html`<li>
                        ${
                          c.endedAt
                            ? html`${t.callRange(
                                i + 1,
                                this.localize.dateTime(c.startedAt),
                                this.localize.dateTime(c.endedAt),
                              )}${c.endReason === 'abandoned' ? ` — ${t.callAbandoned}` : ''}`
                            : t.callOngoing(i + 1, this.localize.dateTime(c.startedAt))
                        }
                      </li>`,
                  )}
                </ol>`
              : t.noCalls
          }
        </dd>
      </dl>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <div class="actions">
        ${
          this.#mayClaim(s, me)
            ? html`<button class="primary" data-action="claim" ?disabled=${this.busy} @click=${this.#claim}>${t.claim}</button>`
            : nothing
        }
        ${actions.has('confirm') ? this.#button('confirm', t.confirm, 'primary') : nothing}
        ${
          canCall && !this.calling
            ? html`<button class="primary" data-action="start-call" @click=${this.#startCall}>${t.startCall}</button>`
            : nothing
        }
        ${actions.has('close') ? this.#button('close', t.close) : nothing}
        ${actions.has('reopen') ? this.#button('reopen', t.reopen) : nothing}
        ${
          actions.has('cancel') && !this.cancelling
            ? html`<button
                class="danger"
                data-action="cancel"
                @click=${async () => {
                  this.cancelling = true;
                  await this.updateComplete;
                  this.renderRoot.querySelector<HTMLElement>('#cancel-reason')?.focus();
                }}
              >
                ${t.cancel}
              </button>`
            : nothing
        }
      </div>
      ${actions.has('cancel') && this.cancelling ? this.#cancelForm() : nothing}
      ${
        s.status === 'completed' || s.status === 'closed'
          ? html`<section part="summary" aria-labelledby="summary-heading">
              <h3 id="summary-heading">${t.aiSummary}</h3>
              <sightline-summary-viewer session-id=${s.id} .sightline=${this.sdk}></sightline-summary-viewer>
            </section>
            <sightline-rating-form part="rating" session-id=${s.id} .sightline=${this.sdk}></sightline-rating-form>
            <sightline-session-log part="messages" session-id=${s.id} .sightline=${this.sdk}></sightline-session-log>
            <sightline-session-details part="record" session-id=${s.id} include="screenshots recordings diagnostics" .sightline=${this.sdk}></sightline-session-details>`
          : nothing
      }
      ${
        this.calling
          ? embeddedCall('staff', s.id, this.sdk, (e) => {
              this.calling = false;
              if (e.detail.reason === 'abandoned') this.notice = t.callAbandonedNotice;
              // After the call, focus goes to the session's details (the next steps are there).
              void this.updateComplete.then(() =>
                this.renderRoot.querySelector<HTMLElement>('#details-heading')?.focus(),
              );
            })
          : nothing
      }
    </article>`;
  }

  #button(action: LifecycleAction, label: string, kind = ''): TemplateResult {
    return html`<button class=${kind} data-action=${action} ?disabled=${this.busy} @click=${() => this.#lifecycle(action)}>
      ${label}
    </button>`;
  }

  #cancelForm(): TemplateResult {
    const t = inboxTerms[this.localize.lang];
    return html`<form class="cancel-form" @submit=${this.#cancel}>
      <div class="field">
        <label for="cancel-reason">${t.cancelReason}</label>
        <input
          id="cancel-reason"
          maxlength="2000"
          .value=${this.cancelReason}
          @input=${(e: Event) => {
            this.cancelReason = (e.target as HTMLInputElement).value;
          }}
        />
      </div>
      <div class="actions">
        <button class="danger" type="submit" data-action="cancel-confirm" ?disabled=${this.busy}>${t.cancel}</button>
        <button type="button" data-action="cancel-back" @click=${() => (this.cancelling = false)}>${t.back}</button>
      </div>
    </form>`;
  }
}
