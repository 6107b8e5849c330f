import type { components } from '@sightline/api-client';
import { invitable } from '@sightline/core/rules';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { ObserveController } from '../shared/observe-controller.js';
import type { Me, Problem, WireSession } from '../shared/sdk.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { inviteTranslations } from './invite-translations.js';
import { sessionInviteStyles } from './session-invite.styles.js';

type Invite = components['schemas']['SessionInvite'];
type NewInvite = components['schemas']['NewSessionInvite'];

/**
 * @tagname sightline-session-invite
 * @summary Invites the customer to a session staff created (VS-5): one click makes a link that signs
 * whoever opens it in for this session only, with Copy, Share (where the browser offers it) and an
 * email draft, and when it stops working; active links are listed with Revoke, which signs out
 * whoever used the link at once. Shown to staff while the session is open (requested, confirmed or
 * running); the server decides who may (VS-7) and says why not.
 *
 * @event {CustomEvent<InviteEventDetail>} sightline-invite - A link was made (a host app may send it by SMS).
 * @event {CustomEvent<Problem>} sightline-error - Making or revoking a link failed.
 *
 * @csspart invite - The "Invite customer" button.
 * @csspart link - The new link with its actions.
 * @csspart active - The list of active links.
 *
 * @example
 * <sightline-session-invite session-id="…"></sightline-session-invite>
 */
export class SightlineSessionInvite extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    created: { state: true, attribute: false },
    invites: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    note: { state: true, attribute: false },
  };
  static override styles = sessionInviteStyles;

  /** The session to invite to. */
  sessionId = '';

  private created: NewInvite | undefined;
  private invites: Invite[] | undefined;
  private busy = false;
  private problem: Problem | undefined;
  private note = '';

  readonly #me = new ObserveController<Me | undefined>(this);
  readonly #session = new ObserveController<WireSession | undefined>(this);

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId')) {
      this.#me.source = this.sdk?.me$;
      const controller = this.sdk && this.sessionId ? this.sdk.session(this.sessionId) : undefined;
      this.#session.source = controller?.state$;
      if (controller && !controller.snapshot) void controller.refresh();
      this.created = undefined;
      this.invites = undefined;
      this.problem = undefined;
      this.note = '';
      if (controller) void this.#load();
    }
  }

  /** Whether this signed-in person is staff and the session takes invitations now. */
  #shown(): boolean {
    const me = this.#me.value;
    const s = this.#session.value;
    return !!me && me.kind !== 'customer' && me.kind !== 'integration' && !!s && invitable(s.status);
  }

  async #load(): Promise<void> {
    const sdk = this.sdk;
    const id = this.sessionId;
    if (!sdk || !id) return;
    const { data } = await sdk.api.GET('/v1/sessions/{id}/invites', { params: { path: { id } } });
    if (sdk === this.sdk && id === this.sessionId && data) this.invites = data.items;
  }

  async #create(): Promise<void> {
    const sdk = this.sdk;
    const id = this.sessionId;
    if (!sdk || this.busy) return;
    this.busy = true;
    this.problem = undefined;
    this.note = '';
    const { data, error } = await sdk.api.POST('/v1/sessions/{id}/invites', { params: { path: { id } } });
    this.busy = false;
    if (sdk !== this.sdk || id !== this.sessionId) return;
    if (error) return this.#fail(error as Problem);
    this.created = data;
    this.invites = [data, ...(this.invites ?? [])];
    emit(this, 'sightline-invite', {
      sessionId: id,
      inviteId: data.id,
      link: data.link,
      expiresAt: data.expiresAt,
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-action="copy"]')?.focus();
  }

  async #copy(): Promise<void> {
    const link = this.created?.link;
    if (!link) return;
    const t = inviteTranslations[this.localize.lang];
    try {
      await navigator.clipboard.writeText(link);
      this.note = t.copied;
    } catch {
      // No clipboard permission (an embedding frame may withhold it): select it for Ctrl+C.
      this.renderRoot.querySelector<HTMLInputElement>('input[part~="url"]')?.select();
      this.note = t.copyFailed;
    }
  }

  async #share(): Promise<void> {
    const link = this.created?.link;
    if (!link) return;
    const t = inviteTranslations[this.localize.lang];
    await navigator.share({ title: t.emailSubject, url: link }).catch(() => undefined);
  }

  async #revoke(invite: Invite): Promise<void> {
    const sdk = this.sdk;
    const id = this.sessionId;
    if (!sdk) return;
    this.problem = undefined;
    const { error } = await sdk.api.DELETE('/v1/sessions/{id}/invites/{inviteId}', {
      params: { path: { id, inviteId: invite.id } },
    });
    if (sdk !== this.sdk || id !== this.sessionId) return;
    if (error) return this.#fail(error as Problem);
    if (this.created?.id === invite.id) this.created = undefined;
    this.invites = (this.invites ?? []).map((i) => (i.id === invite.id ? { ...i, status: 'revoked' } : i));
    this.note = inviteTranslations[this.localize.lang].revoked;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-action="invite"]')?.focus();
  }

  #fail(problem: Problem): void {
    this.problem = problem;
    emit(this, 'sightline-error', problem);
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.#shown()) return nothing;
    const t = inviteTranslations[this.localize.lang];
    const active = (this.invites ?? []).filter(
      (i) => i.status === 'active' && new Date(i.expiresAt).getTime() > Date.now(),
    );
    return html`<div lang=${this.localize.lang}>
      <button part="invite" data-action="invite" ?disabled=${this.busy} @click=${this.#create}>
        ${this.busy ? t.inviting : t.invite}
      </button>
      ${this.created ? this.#link(this.created) : nothing}
      ${
        active.length > 0
          ? html`<section part="active" aria-labelledby="active-heading">
              <h4 id="active-heading">${t.active}</h4>
              <ul>
                ${active.map(
                  (i) => html`<li data-invite=${i.id}>
                    <span>…${i.hint} · ${t.made(this.localize.dateTime(i.createdAt))} · ${t.validUntil(this.localize.dateTime(i.expiresAt))}</span>
                    <button data-action="revoke" aria-label=${t.revokeLabel(i.hint)} @click=${() => this.#revoke(i)}>
                      ${t.revoke}
                    </button>
                  </li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      <p class="note" role="status" aria-live="polite">${this.note}</p>
      ${this.problem ? html`<p class="alert" role="alert">${this.localize.problem(this.problem)}</p>` : nothing}
    </div>`;
  }

  #link(invite: NewInvite): TemplateResult {
    const t = inviteTranslations[this.localize.lang];
    const mail = `mailto:?subject=${encodeURIComponent(t.emailSubject)}&body=${encodeURIComponent(t.emailBody(invite.link))}`;
    return html`<div part="link" role="group" aria-labelledby="link-heading">
      <h4 id="link-heading">${t.heading}</h4>
      <p>${t.explain}</p>
      <input part="url" readonly .value=${invite.link} aria-label=${t.link} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
      <div class="actions">
        <button class="primary" data-action="copy" @click=${this.#copy}>${t.copy}</button>
        ${'share' in navigator ? html`<button data-action="share" @click=${this.#share}>${t.share}</button>` : nothing}
        <a data-action="email" href=${mail}>${t.email}</a>
      </div>
      <p class="meta">${t.validUntil(this.localize.dateTime(invite.expiresAt))}</p>
    </div>`;
  }
}
