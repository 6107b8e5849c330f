import { html, nothing, type TemplateResult } from 'lit';
import { AdminElement } from '../shared/admin-element.js';
import type { Schema } from '../shared/api.js';
import { ALL_EVENTS } from './webhook-events.js';
import { createBody, renderWebhookForm, updateBody } from './webhook-form.js';
import { webhooksStyles } from './webhooks.styles.js';
import { type WebhooksTerms, webhooksTranslations } from './webhooks-translations.js';

type Endpoint = Schema<'WebhookEndpoint'>;
type Portal = Schema<'Portal'>;

/** A secret shown once: a new endpoint's, or a rotation's with how long the old one still signs. */
interface ShownSecret {
  readonly secret: string;
  readonly rotated: boolean;
  readonly previousSecretExpiresAt: string | null;
}

const DAY_SECONDS = 86_400;

/**
 * @tagname sightline-admin-webhooks
 * @summary The organization's webhook endpoints (SI-12, Standard Webhooks): each with its events,
 * enabled or why disabled, failing since and last success; add one (its `whsec_` secret shown once),
 * edit, enable or disable, delete, rotate the secret with a 24 h overlap or at once, send a test
 * event, and open its delivery log.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @event {CustomEvent<AdminChangeDetail>} sightline-admin-change - An endpoint was added, changed or deleted.
 * @csspart base - The frame.
 * @csspart table - The endpoint table.
 * @csspart secret - A signing secret, shown once.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-webhooks></sightline-admin-webhooks>
 * </sightline-provider>
 */
export class SightlineAdminWebhooks extends AdminElement {
  static override properties = {
    endpoints: { state: true, attribute: false },
    portals: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    editing: { state: true, attribute: false },
    allEvents: { state: true, attribute: false },
    shown: { state: true, attribute: false },
    target: { state: true, attribute: false },
  };
  static override styles = webhooksStyles;

  private endpoints: Endpoint[] = [];
  private portals: Portal[] = [];
  private loaded = false;
  /** The endpoint in the form; `undefined` while adding one. */
  private editing: Endpoint | undefined;
  private allEvents = false;
  /** Shown once, dropped when its dialog closes. */
  private shown: ShownSecret | undefined;
  /** The endpoint a confirmation (delete, rotate) or the delivery log is about. */
  private target: Endpoint | undefined;

  get #t(): WebhooksTerms {
    return webhooksTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const [r, portals] = await Promise.all([
      this.call(() => api.GET('/v1/webhooks')),
      api.GET('/v1/portals'),
    ]);
    if (portals.data) this.portals = portals.data.items;
    if (!r) return;
    this.endpoints = r.data.items;
    this.loaded = true;
  }

  #replace(endpoint: Endpoint): void {
    this.endpoints = this.endpoints.map((e) => (e.id === endpoint.id ? endpoint : e));
  }

  /** After a 404 the endpoint is gone: reload the list, keep saying why. */
  async #gone(): Promise<boolean> {
    if (this.problem?.status !== 404) return false;
    await this.reloadKeeping(this.problem);
    return true;
  }

  async #openForm(endpoint: Endpoint | undefined): Promise<void> {
    this.editing = endpoint;
    this.allEvents = endpoint?.events.includes(ALL_EVENTS) ?? false;
    await this.openDialog('webhook-form');
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const form = event.target as HTMLFormElement;
    const editing = this.editing;
    if (editing) {
      const body = updateBody(form, editing);
      const r = await this.call(() =>
        api.PATCH('/v1/webhooks/{id}', { params: { path: { id: editing.id } }, body }),
      );
      if (!r) {
        if (await this.#gone()) this.closeDialog('webhook-form');
        return;
      }
      this.closeDialog('webhook-form');
      this.#replace(r.data);
      this.changed('webhooks');
      this.notice = this.common.saved;
      return;
    }
    const r = await this.call(() => api.POST('/v1/webhooks', { body: createBody(form) }));
    if (!r) return;
    const { secret, ...endpoint } = r.data;
    this.closeDialog('webhook-form');
    this.endpoints = [endpoint, ...this.endpoints];
    this.changed('webhooks');
    this.shown = { secret, rotated: false, previousSecretExpiresAt: null };
    await this.openDialog('webhook-secret');
    this.notice = this.#t.created(endpoint.url);
  }

  async #enable(endpoint: Endpoint): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.PATCH('/v1/webhooks/{id}', { params: { path: { id: endpoint.id } }, body: { enabled: true } }),
    );
    if (!r) return void (await this.#gone());
    this.#replace(r.data);
    this.changed('webhooks');
    this.notice = this.#t.nowEnabled(endpoint.url);
  }

  async #test(endpoint: Endpoint): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.POST('/v1/webhooks/{id}/test', { params: { path: { id: endpoint.id } } }),
    );
    if (!r) return void (await this.#gone());
    this.notice = this.#t.testQueued(endpoint.url);
  }

  async #delete(): Promise<void> {
    const api = this.api;
    const endpoint = this.target;
    if (!api || !endpoint) return;
    const r = await this.call(() =>
      api.DELETE('/v1/webhooks/{id}', { params: { path: { id: endpoint.id } } }),
    );
    if (!r && this.problem?.status !== 404) return;
    this.closeDialog('webhook-delete');
    this.changed('webhooks');
    await this.load();
    this.notice = this.#t.deleted(endpoint.url);
  }

  async #rotate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    const endpoint = this.target;
    if (!api || !endpoint) return;
    const overlapSeconds = Number(
      new FormData(event.target as HTMLFormElement).get('overlap') ?? DAY_SECONDS,
    );
    const r = await this.call(() =>
      api.POST('/v1/webhooks/{id}/rotate-secret', {
        params: { path: { id: endpoint.id } },
        body: { overlapSeconds },
      }),
    );
    if (!r) {
      if (await this.#gone()) this.closeDialog('webhook-rotate');
      return;
    }
    this.closeDialog('webhook-rotate');
    this.#replace({ ...endpoint, previousSecretExpiresAt: r.data.previousSecretExpiresAt });
    this.shown = { ...r.data, rotated: true };
    await this.openDialog('webhook-secret');
  }

  #confirm(endpoint: Endpoint, dialog: 'webhook-delete' | 'webhook-rotate' | 'webhook-deliveries'): void {
    this.target = endpoint;
    void this.openDialog(dialog);
  }

  #when(iso: string | null, fallback: string): string {
    return iso ? this.localize.dateTime(iso) : fallback;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <div class="toolbar">
        <h2>${t.heading}</h2>
        <button class="primary grow" data-action="new-webhook" @click=${() => this.#openForm(undefined)}>${t.newEndpoint}</button>
      </div>
      <p class="hint">${t.intro}</p>
      ${this.renderProblem()} ${this.renderNotice()}
      ${!this.loaded ? (this.problem ? nothing : html`<p class="muted">${this.common.loading}</p>`) : this.#renderTable()}
      ${this.#renderForm()} ${this.#renderSecret()} ${this.#renderRotate()} ${this.#renderDelete()}
      ${this.#renderDeliveries()}
    </div>`;
  }

  #renderStatus(e: Endpoint): TemplateResult {
    const t = this.#t;
    if (e.enabled) return html`<span class="tag" data-state="enabled">${t.enabled}</span>`;
    const why = (e.disabledReason && t.disabledBecause[e.disabledReason]) || t.disabled;
    return html`<span class="tag" data-state="disabled">${t.disabled}</span>
      <span class="why">${why}${e.disabledAt ? ` · ${this.localize.dateTime(e.disabledAt)}` : ''}</span>`;
  }

  #renderTable(): TemplateResult {
    const t = this.#t;
    if (!this.endpoints.length) return html`<p class="empty">${t.noEndpoints}</p>`;
    const portalName = (id: string) => this.portals.find((p) => p.id === id)?.name ?? id;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t.endpoint}</th>
            <th scope="col">${t.events}</th>
            <th scope="col">${t.status}</th>
            <th scope="col" class="hide-narrow">${t.failingSince}</th>
            <th scope="col" class="hide-narrow">${t.lastSuccess}</th>
            <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.endpoints.map(
            (e) => html`<tr data-webhook=${e.id} data-url=${e.url} data-enabled=${String(e.enabled)}>
              <th scope="row">
                <span class="url">${e.url}</span>
                ${e.description ? html`<span class="description">${e.description}</span>` : nothing}
              </th>
              <td>
                ${
                  e.events.includes(ALL_EVENTS)
                    ? html`<span class="tag">${t.allEvents}</span>`
                    : e.events.map(
                        (name) => html`<span class="tag" title=${t.eventHelp[name] ?? ''}>${name}</span>`,
                      )
                }
                ${e.portalIds ? html`<span class="description">${t.portalsLabel(e.portalIds.map(portalName).join(', '))}</span>` : nothing}
              </td>
              <td>${this.#renderStatus(e)}</td>
              <td class="hide-narrow" data-field="failing-since">${this.#when(e.failingSince, this.common.none)}</td>
              <td class="hide-narrow">${this.#when(e.lastSuccessAt, t.noSuccess)}</td>
              <td class="actions-cell">
                <button data-action="deliveries" aria-label=${t.deliveriesOf(e.url)}
                  @click=${() => this.#confirm(e, 'webhook-deliveries')}>${t.deliveries}</button>
                ${
                  e.enabled
                    ? html`<button data-action="test" aria-label=${t.sendTestTo(e.url)} ?disabled=${this.busy}
                        @click=${() => this.#test(e)}>${t.sendTest}</button>`
                    : html`<button data-action="enable" aria-label=${t.enableUrl(e.url)} ?disabled=${this.busy}
                        @click=${() => this.#enable(e)}>${t.enable}</button>`
                }
                <button data-action="edit" aria-label=${t.editUrl(e.url)} @click=${() => this.#openForm(e)}>${this.common.edit}</button>
                <button data-action="rotate" aria-label=${t.rotateOf(e.url)}
                  @click=${() => this.#confirm(e, 'webhook-rotate')}>${t.rotate}</button>
                <button class="danger" data-action="delete" aria-label=${t.deleteUrl(e.url)}
                  @click=${() => this.#confirm(e, 'webhook-delete')}>${this.common.delete}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderForm(): TemplateResult {
    const t = this.#t;
    return html`<dialog id="webhook-form" class="wide" aria-labelledby="webhook-form-title"
      @close=${() => this.onDialogClose('webhook-form')}>
      <h2 id="webhook-form-title">${this.editing ? t.editHeading : t.newEndpoint}</h2>
      ${this.renderProblem('webhook-form')}
      ${
        this.dialog === 'webhook-form'
          ? renderWebhookForm({
              t,
              common: this.common,
              endpoint: this.editing,
              portals: this.portals,
              allEvents: this.allEvents,
              busy: this.busy,
              errorFor: (...paths) => this.errorFor(...paths),
              onAllEvents: (all) => {
                this.allEvents = all;
              },
              onSubmit: (e) => this.#save(e),
              onCancel: () => this.closeDialog('webhook-form'),
            })
          : nothing
      }
    </dialog>`;
  }

  #renderSecret(): TemplateResult {
    const t = this.#t;
    const s = this.shown;
    const overlap = s?.rotated
      ? s.previousSecretExpiresAt
        ? t.oldUntil(this.localize.dateTime(s.previousSecretExpiresAt))
        : t.oldStopped
      : '';
    return this.renderSecretDialog({
      id: 'webhook-secret',
      heading: s?.rotated ? t.rotatedHeading : t.createdHeading,
      once: t.shownOnce,
      secret: s?.secret ?? '',
      copyLabel: t.copySecret,
      doneLabel: t.done,
      after: html`<p class="hint">${t.verifyHint}</p>
        ${overlap ? html`<p data-field="overlap">${overlap}</p>` : nothing}`,
      onClose: () => {
        this.shown = undefined;
      },
    });
  }

  #renderRotate(): TemplateResult {
    const t = this.#t;
    const url = this.target?.url ?? '';
    return html`<dialog id="webhook-rotate" aria-labelledby="webhook-rotate-title" aria-describedby="webhook-rotate-explain"
      @close=${() => this.onDialogClose('webhook-rotate')}>
      <h2 id="webhook-rotate-title">${t.rotateQuestion(url)}</h2>
      ${this.renderProblem('webhook-rotate')}
      <p id="webhook-rotate-explain">${t.rotateExplain}</p>
      <form @submit=${(e: SubmitEvent) => this.#rotate(e)}>
        <fieldset class="field">
          <legend>${t.overlapLegend}</legend>
          <label class="check"><input type="radio" name="overlap" value=${DAY_SECONDS} checked />${t.overlapDay}</label>
          <label class="check"><input type="radio" name="overlap" value="0" />${t.overlapNone}</label>
        </fieldset>
        <div class="actions">
          <button type="button" @click=${() => this.closeDialog('webhook-rotate')}>${this.common.cancel}</button>
          <button type="submit" class="primary" data-action="confirm-rotate" ?disabled=${this.busy}>${t.rotate}</button>
        </div>
      </form>
    </dialog>`;
  }

  #renderDelete(): TemplateResult {
    const t = this.#t;
    const url = this.target?.url ?? '';
    return html`<dialog id="webhook-delete" role="alertdialog" aria-labelledby="webhook-delete-title"
      aria-describedby="webhook-delete-explain" @close=${() => this.onDialogClose('webhook-delete')}>
      <h2 id="webhook-delete-title">${t.deleteQuestion(url)}</h2>
      ${this.renderProblem('webhook-delete')}
      <p id="webhook-delete-explain">${t.deleteExplain} ${this.common.cannotUndo}</p>
      <div class="actions">
        <button type="button" autofocus @click=${() => this.closeDialog('webhook-delete')}>${this.common.cancel}</button>
        <button type="button" class="danger" data-action="confirm-delete" ?disabled=${this.busy} @click=${() => this.#delete()}>
          ${this.common.delete}
        </button>
      </div>
    </dialog>`;
  }

  #renderDeliveries(): TemplateResult {
    const t = this.#t;
    const open = this.dialog === 'webhook-deliveries' && this.target;
    return html`<dialog id="webhook-deliveries" class="wide" aria-labelledby="webhook-deliveries-title"
      @close=${() => this.onDialogClose('webhook-deliveries')}>
      <h2 id="webhook-deliveries-title">${t.deliveriesOf(this.target?.url ?? '')}</h2>
      ${
        open
          ? html`<sightline-admin-webhook-deliveries endpoint-id=${this.target?.id ?? ''} .sightline=${this.sdk}></sightline-admin-webhook-deliveries>`
          : nothing
      }
      <div class="actions">
        <button type="button" @click=${() => this.closeDialog('webhook-deliveries')}>${this.common.close}</button>
      </div>
    </dialog>`;
  }
}
