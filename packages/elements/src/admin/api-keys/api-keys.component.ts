import { html, nothing, type TemplateResult } from 'lit';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import type { Schema } from '../shared/api.js';
import { type ApiKeysTerms, apiKeysTranslations } from './api-keys-translations.js';

type ApiKey = Schema<'ApiKey'>;

/**
 * @tagname sightline-admin-api-keys
 * @summary The organization's API keys (MC-1 API manager): create one — its secret is shown once,
 * with a copy button — see when each was last used, and revoke.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart base - The frame.
 * @csspart table - The key table.
 * @csspart secret - The new key's secret, shown once.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-api-keys></sightline-admin-api-keys>
 * </sightline-provider>
 */
export class SightlineAdminApiKeys extends AdminElement {
  static override properties = {
    keys: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    secret: { state: true, attribute: false },
    revoking: { state: true, attribute: false },
  };
  static override styles = adminStyles;

  private keys: ApiKey[] = [];
  private loaded = false;
  /** The secret of the key just made: shown once, dropped when its dialog closes. */
  private secret = '';
  private revoking: ApiKey | undefined;

  get #t(): ApiKeysTerms {
    return apiKeysTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() => api.GET('/v1/api-keys'));
    if (!r) return;
    this.keys = r.data.items;
    this.loaded = true;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const form = event.target as HTMLFormElement;
    const f = new FormData(form);
    const expiry = String(f.get('expiresAt') ?? '');
    // The key stops working at the end of the chosen day, in the manager's time zone.
    const expiresAt = expiry ? new Date(`${expiry}T23:59:59`).toISOString() : null;
    const r = await this.call(() =>
      api.POST('/v1/api-keys', { body: { name: String(f.get('name') ?? '').trim(), expiresAt } }),
    );
    if (!r) return;
    form.reset();
    this.closeDialog('key-form');
    this.changed('api-keys');
    this.secret = r.data.key;
    await this.openDialog('key-secret');
    void this.load();
  }

  async #revoke(): Promise<void> {
    const api = this.api;
    const key = this.revoking;
    if (!api || !key) return;
    const r = await this.call(() => api.DELETE('/v1/api-keys/{id}', { params: { path: { id: key.id } } }));
    if (!r && this.problem?.status !== 404) return;
    this.closeDialog('key-revoke');
    this.changed('api-keys');
    await this.load();
    this.notice = this.#t.revoked(key.name || this.#t.unnamed);
  }

  #date(iso: string | null, fallback: string): string {
    return iso ? this.localize.dateTime(iso) : fallback;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <div class="toolbar">
        <h2>${t.heading}</h2>
        <button class="primary grow" data-action="new-key" @click=${() => this.openDialog('key-form')}>${t.newKey}</button>
      </div>
      <p class="hint">${t.intro}</p>
      ${this.renderProblem()} ${this.renderNotice()}
      ${!this.loaded ? html`<p class="muted">${this.common.loading}</p>` : this.#renderTable()}
      ${this.#renderCreate()} ${this.#renderSecret()} ${this.#renderRevoke()}
    </div>`;
  }

  #renderTable(): TemplateResult {
    const t = this.#t;
    if (!this.keys.length) return html`<p class="empty">${t.noKeys}</p>`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t.key}</th>
            <th scope="col">${t.status}</th>
            <th scope="col" class="hide-narrow">${t.created}</th>
            <th scope="col" class="hide-narrow">${t.expires}</th>
            <th scope="col" class="hide-narrow">${t.lastUsed}</th>
            <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.keys.map(
            (k) => html`<tr data-key=${k.id} data-name=${k.name} data-status=${k.status}>
              <th scope="row">${k.name || t.unnamed}</th>
              <td><span class="tag">${t.statuses[k.status] ?? k.status}</span></td>
              <td class="hide-narrow">${this.#date(k.createdAt, '')}</td>
              <td class="hide-narrow">${this.#date(k.expiresAt, t.never)}</td>
              <td class="hide-narrow">${this.#date(k.lastUsedAt, t.notUsed)}</td>
              <td class="actions-cell">
                ${
                  k.status === 'active'
                    ? html`<button class="danger" data-action="revoke" aria-label=${t.revokeKey(k.name || t.unnamed)}
                      @click=${() => {
                        this.revoking = k;
                        void this.openDialog('key-revoke');
                      }}>${t.revoke}</button>`
                    : nothing
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderCreate(): TemplateResult {
    const t = this.#t;
    const nameError = this.errorFor('name');
    const expiryError = this.errorFor('expiresAt');
    return html`<dialog id="key-form" aria-labelledby="key-form-title" @close=${() => this.onDialogClose('key-form')}>
      <h2 id="key-form-title">${t.newKey}</h2>
      ${this.renderProblem('key-form')}
      <form @submit=${this.#create} novalidate>
        <div class="field">
          <label for="key-name">${t.keyName}</label>
          <input id="key-name" name="name" required maxlength="100" aria-invalid=${nameError ? 'true' : 'false'}
            aria-describedby="key-name-hint ${nameError ? 'name-error' : ''}" />
          <span class="hint" id="key-name-hint">${t.keyNameHint}</span>
          ${this.fieldError('name', 'name')}
        </div>
        <div class="field">
          <label for="key-expiry">${t.expiry} ${this.common.optional}</label>
          <input id="key-expiry" name="expiresAt" type="date" aria-invalid=${expiryError ? 'true' : 'false'}
            aria-describedby="key-expiry-hint ${expiryError ? 'expiresAt-error' : ''}" />
          <span class="hint" id="key-expiry-hint">${t.expiryHint}</span>
          ${this.fieldError('expiresAt', 'expiresAt')}
        </div>
        <div class="actions">
          <button type="button" @click=${() => this.closeDialog('key-form')}>${this.common.cancel}</button>
          <button type="submit" class="primary" data-action="create" ?disabled=${this.busy}>${this.common.create}</button>
        </div>
      </form>
    </dialog>`;
  }

  #renderSecret(): TemplateResult {
    const t = this.#t;
    return this.renderSecretDialog({
      id: 'key-secret',
      heading: t.createdHeading,
      once: t.shownOnce,
      secret: this.secret,
      copyLabel: t.copyKey,
      doneLabel: t.done,
      onClose: () => {
        this.secret = '';
      },
    });
  }

  #renderRevoke(): TemplateResult {
    const t = this.#t;
    const name = this.revoking?.name || t.unnamed;
    return html`<dialog id="key-revoke" role="alertdialog" aria-labelledby="key-revoke-title" aria-describedby="key-revoke-explain"
      @close=${() => this.onDialogClose('key-revoke')}>
      <h2 id="key-revoke-title">${t.revokeQuestion(name)}</h2>
      ${this.renderProblem('key-revoke')}
      <p id="key-revoke-explain">${t.revokeExplain} ${this.common.cannotUndo}</p>
      <div class="actions">
        <button type="button" autofocus @click=${() => this.closeDialog('key-revoke')}>${this.common.cancel}</button>
        <button type="button" class="danger" data-action="confirm-revoke" ?disabled=${this.busy} @click=${() => this.#revoke()}>
          ${t.revoke}
        </button>
      </div>
    </dialog>`;
  }
}
