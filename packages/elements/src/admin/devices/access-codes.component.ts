import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import type { Schema } from '../shared/api.js';
import { type DevicesTerms, devicesTranslations } from './devices-translations.js';

type AccessCode = Schema<'AccessCode'>;
type NewAccessCode = Schema<'NewAccessCode'>;

/**
 * @tagname sightline-admin-access-codes
 * @summary A device's access codes (VS-1, SI-3): their status and last characters, create one (with
 * an optional expiry or a code of one's own) or rotate (revoke all others in the same step), revoke
 * one. A new code is shown once, with a copy button, its request-page link and its QR code.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart base - The frame.
 * @csspart new-code - The code just made, shown once.
 * @csspart qr - The QR code image.
 *
 * @example
 * <sightline-admin-access-codes device-id="dev_boiler12"></sightline-admin-access-codes>
 */
export class SightlineAdminAccessCodes extends AdminElement {
  static override properties = {
    deviceId: { attribute: 'device-id' },
    codes: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    created: { state: true, attribute: false },
  };
  static override styles = adminStyles;

  /** The device whose codes are shown. */
  deviceId = '';

  private codes: AccessCode[] = [];
  private loaded = false;
  /** The code just made: shown once, gone when dismissed or when another device is shown. */
  private created: NewAccessCode | undefined;

  get #t(): DevicesTerms {
    return devicesTranslations[this.language];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('deviceId') && changed.get('deviceId') !== undefined) {
      this.created = undefined;
      void this.load();
    }
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    const id = this.deviceId;
    if (!api || !id) return;
    const r = await this.call(() => api.GET('/v1/devices/{id}/access-codes', { params: { path: { id } } }));
    if (!r || id !== this.deviceId) return;
    this.codes = r.data.items;
    this.loaded = true;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const form = event.target as HTMLFormElement;
    const rotate = (event.submitter as HTMLButtonElement | null)?.value === 'rotate';
    const f = new FormData(form);
    const expiry = String(f.get('expiresAt') ?? '');
    const code = String(f.get('code') ?? '').trim();
    const body = {
      ...(rotate ? { rotate: true } : {}),
      ...(expiry ? { expiresAt: new Date(`${expiry}T23:59:59`).toISOString() } : {}),
      ...(code ? { code } : {}),
    };
    const r = await this.call(() =>
      api.POST('/v1/devices/{id}/access-codes', { params: { path: { id: this.deviceId } }, body }),
    );
    if (!r) return;
    form.reset();
    this.changed('access-codes');
    this.created = r.data;
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="new-code"] h3')?.focus();
  }

  async #revoke(code: AccessCode): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.DELETE('/v1/devices/{id}/access-codes/{codeId}', {
        params: { path: { id: this.deviceId, codeId: code.id } },
      }),
    );
    if (!r && this.problem?.status !== 404) return;
    if (this.created?.id === code.id) this.created = undefined;
    this.changed('access-codes');
    await this.load();
    this.notice = this.#t.revoked;
  }

  #date(iso: string | null, fallback: string): string {
    return iso ? this.localize.dateTime(iso) : fallback;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <p class="hint">${t.codesIntro}</p>
      ${this.renderProblem()} ${this.renderNotice()} ${this.#renderCreated()}
      ${!this.loaded ? html`<p class="muted">${this.common.loading}</p>` : this.#renderList()}
      ${this.#renderForm()}
    </div>`;
  }

  #renderCreated(): TemplateResult | typeof nothing {
    const c = this.created;
    if (!c) return nothing;
    const t = this.#t;
    const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.qrSvg)}`;
    return html`<section part="new-code" class="field" aria-labelledby="new-code-heading" data-code-id=${c.id}>
      <h3 id="new-code-heading" tabindex="-1">${t.newCodeHeading}</h3>
      <p>${t.shownOnce}</p>
      <div class="secret">
        <code class="secret-value" data-field="code">${c.code}</code>
        <button type="button" data-action="copy" @click=${() => this.copy(c.code)}>${t.copyCode}</button>
      </div>
      <p><a href=${c.requestUrl} target="_blank" rel="noopener" data-field="request-url">${t.requestPage}</a></p>
      <img part="qr" src=${qr} alt=${t.qr} width="180" height="180" data-field="qr" />
      <div class="actions">
        <a href=${qr} download="access-code-${c.hint || c.id}.svg">${t.downloadQr}</a>
        <button type="button" @click=${() => (this.created = undefined)}>${t.hideCode}</button>
      </div>
    </section>`;
  }

  #renderList(): TemplateResult {
    const t = this.#t;
    if (!this.codes.length) return html`<p class="empty">${t.noCodes}</p>`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.accessCodes}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.code}</th>
            <th scope="col">${t.status}</th>
            <th scope="col" class="hide-narrow">${t.createdAt}</th>
            <th scope="col" class="hide-narrow">${t.expires}</th>
            <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.codes.map(
            (c) => html`<tr data-code-id=${c.id} data-status=${c.status}>
              <th scope="row"><code>${c.hint ? t.endsWith(c.hint) : this.common.none}</code></th>
              <td><span class="tag">${t.statuses[c.status] ?? c.status}</span></td>
              <td class="hide-narrow">${this.#date(c.createdAt, '')}</td>
              <td class="hide-narrow">${this.#date(c.expiresAt, t.never)}</td>
              <td class="actions-cell">
                ${
                  c.status === 'active'
                    ? html`<button class="danger" data-action="revoke" aria-label=${t.revokeCode(c.hint)}
                      ?disabled=${this.busy} @click=${() => this.#revoke(c)}>${t.revoke}</button>`
                    : nothing
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderForm(): TemplateResult {
    const t = this.#t;
    const expiryError = this.errorFor('expiresAt');
    const codeError = this.errorFor('code');
    return html`<h3>${t.newCode}</h3>
      <form @submit=${this.#create} novalidate>
        <div class="grid">
          <div class="field">
            <label for="code-expiry">${t.expiry}</label>
            <input id="code-expiry" name="expiresAt" type="date" aria-invalid=${expiryError ? 'true' : 'false'}
              aria-describedby="code-expiry-hint ${expiryError ? 'expiresAt-error' : ''}" />
            <span class="hint" id="code-expiry-hint">${t.expiryHint}</span>
            ${this.fieldError('expiresAt', 'expiresAt')}
          </div>
          <div class="field">
            <label for="custom-code">${t.customCode}</label>
            <input id="custom-code" name="code" autocomplete="off" maxlength="64" aria-invalid=${codeError ? 'true' : 'false'}
              aria-describedby="custom-code-hint ${codeError ? 'code-error' : ''}" />
            <span class="hint" id="custom-code-hint">${t.customCodeHint}</span>
            ${this.fieldError('code', 'code')}
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="primary" value="create" data-action="create-code" ?disabled=${this.busy}>${t.create}</button>
          <button type="submit" value="rotate" data-action="rotate-code" ?disabled=${this.busy || !this.codes.length}>${t.rotate}</button>
        </div>
      </form>`;
  }
}
