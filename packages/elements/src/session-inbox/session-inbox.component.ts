import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { mayTakePartInCall } from '../shared/embedded-call.js';
import { emit } from '../shared/events.js';
import { ObserveController } from '../shared/observe-controller.js';
import type { ApiSession, Me, SessionController, WireSession } from '../shared/sdk.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { resumeRecordingsOnSignIn } from '../video-call/recording/shared-recorder.js';
import { ActionRunner } from './actions/action-runner.js';
import { sessionActions } from './actions/actions-view.js';
import { SessionActions } from './actions/session-actions.js';
import { alertsToggle, RequestAlerts } from './alerts/request-alerts.js';
import { InboxCall, inboxCallView, startCallButton } from './call/inbox-call.js';
import { completedSession } from './details/completed-session.js';
import { sessionFacts } from './details/session-facts.js';
import { inboxTerms } from './inbox-translations.js';
import { HolderNames } from './list/holders.js';
import { InboxDevices } from './list/inbox-devices.js';
import { sessionList } from './list/session-list.js';
import { NewSession } from './new-session/new-session.js';
import { newSessionForm } from './new-session/new-session-form.js';
import { openedSession, rememberOpened } from './opened-session.js';
import { sessionInboxStyles } from './session-inbox.styles.js';
import '../session-invite/session-invite.js';

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
 * @csspart invite - The invitation link for the customer (`<sightline-session-invite>`, VS-5), while the session is open.
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
  static override properties = {
    sessionId: { attribute: 'session-id', reflect: true },
    filter: {},
  };
  static override styles = sessionInboxStyles;

  /** The selected session. Reflected, so a host can deep-link to one. */
  sessionId = '';
  /** `open` (default: everything not closed or cancelled) or `all`. */
  filter: 'open' | 'all' = 'open';

  readonly #runner = new ActionRunner(this);
  readonly #devices = new InboxDevices(this, { sdk: () => this.sdk, fail: (p) => this.#runner.fail(p) });
  readonly #holders = new HolderNames();
  readonly #sessionActions = new SessionActions(this, this.#runner, {
    sdk: () => this.sdk,
    sessionId: () => this.sessionId,
    controller: () => this.#controller(),
    claimedNotice: () => inboxTerms[this.localize.lang].claimed,
  });
  readonly #newSession = new NewSession(this, this.#runner, {
    sdk: () => this.sdk,
    terms: () => inboxTerms[this.localize.lang],
    devices: () => this.#devices.items,
    created: (id) => {
      this.sessionId = id;
    },
  });
  readonly #call = new InboxCall(this, this.#runner);

  readonly #me = new ObserveController<Me | undefined>(this, (me) => {
    if (me?.kind !== 'staff') return;
    this.#alerts.forUser(me.userId);
    void this.#devices.load();
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
  /** The lifecycle actions the rules allow on the selected session now. */
  readonly #allowed = new ObserveController<ReadonlySet<string>>(this);
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
      this.#allowed.source = controller?.actions$;
      this.#sessionActions.cancelling = false;
      this.#call.calling = false;
    }
  }

  #controller(): SessionController | undefined {
    return this.sdk && this.sessionId ? this.sdk.session(this.sessionId) : undefined;
  }

  #select(id: string): void {
    this.#newSession.creating = false;
    this.#runner.problem = undefined;
    this.#runner.notice = '';
    this.sessionId = id;
    this.requestUpdate();
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
                <button class="primary" data-action="new" @click=${() => this.#newSession.open()}>${t.newSession}</button>
                ${alertsToggle(this.#alerts, t.alerts)}
                <sightline-presence .sightline=${this.sdk}></sightline-presence>`
            : nothing
        }
      </header>
      ${this.#main(me, list)}
    </section>`;
  }

  #main(me: Me | undefined, list: WireSession[]): TemplateResult {
    const t = inboxTerms[this.localize.lang];
    if (!this.sdk) return html`<p role="status">${t.notConnected}</p>`;
    if (me?.kind !== 'staff') return html`<p role="status">${t.staffOnly}</p>`;
    if (!this.#loaded.value && list.length === 0) return html`<p role="status">${t.loading}</p>`;
    const problem = this.#runner.problem;
    return html`${sessionList(list, {
      filter: this.filter,
      selectedId: this.sessionId,
      t,
      deviceName: (id) => this.#devices.name(id),
      dateTime: (iso) => this.localize.dateTime(iso),
      holder: (s) => this.#holders.describe(s, me, t.unassigned, t),
      select: (id) => this.#select(id),
    })}
      <div>
        ${problem ? html`<p class="alert" role="alert" tabindex="-1">${this.localize.problem(problem)}</p>` : nothing}
        ${
          this.#newSession.creating
            ? newSessionForm(this.#newSession, this.#devices.items, t, this.#runner.busy)
            : this.#details(me)
        }
      </div>`;
  }

  #details(me: Me & { kind: 'staff' }): TemplateResult {
    const t = inboxTerms[this.localize.lang];
    const s = this.#selected.value as (WireSession & Partial<ApiSession>) | undefined;
    if (!s) return html`<p>${t.selectHint}</p>`;
    const allowed = this.#allowed.value ?? new Set<string>();
    const canCall = mayTakePartInCall(s.status, allowed);
    const notice = this.#runner.notice;
    return html`<article part="details" data-status=${s.status} aria-labelledby="details-heading">
      <h3 id="details-heading" tabindex="-1">${t.details}</h3>
      ${sessionFacts(s, me, {
        t,
        sdk: this.sdk,
        deviceName: (id) => this.#devices.name(id),
        dateTime: (iso) => this.localize.dateTime(iso),
        holder: (session, empty) => this.#holders.describe(session, me, empty, t),
      })}
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : nothing}
      ${sessionActions(
        this.#sessionActions,
        this.#runner,
        allowed,
        s,
        me,
        t,
        startCallButton(this.#call, canCall, t.startCall, s.id, this.sdk),
      )}
      <sightline-session-invite part="invite" session-id=${s.id} .sightline=${this.sdk}></sightline-session-invite>
      ${completedSession(s, this.sdk, t)}
      ${inboxCallView(this.#call, s.id, this.sdk, t.callAbandonedNotice)}
    </article>`;
  }
}
