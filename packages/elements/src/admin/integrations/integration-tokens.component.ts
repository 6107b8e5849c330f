import { integrationScopes } from '@sightline/core/domain';
import { css, html, nothing, type TemplateResult } from 'lit';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import type { Schema } from '../shared/api.js';
import { loadTeams, type TeamOption } from '../shared/teams.js';
import {
  type IntegrationTokensTerms,
  integrationTokensTranslations,
} from './integration-tokens-translations.js';

type IntegrationToken = Schema<'IntegrationToken'>;
type Portal = Schema<'Portal'>;

/**
 * @tagname sightline-admin-integration-tokens
 * @summary The organization's integration tokens for CRM and ITSM tools (SI-12): create one with
 * scopes, optional portal and team limits and an expiry — its secret is shown once, with a copy
 * button — see what each reaches and when it was last used, and revoke.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @event {CustomEvent<AdminChangeDetail>} sightline-admin-change - A token was created or revoked.
 * @csspart base - The frame.
 * @csspart table - The token table.
 * @csspart secret - The new token's secret, shown once.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-integration-tokens></sightline-admin-integration-tokens>
 * </sightline-provider>
 */
export class SightlineAdminIntegrationTokens extends AdminElement {
  static override properties = {
    tokens: { state: true, attribute: false },
    portals: { state: true, attribute: false },
    teams: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    secret: { state: true, attribute: false },
    revoking: { state: true, attribute: false },
  };
  static override styles = [
    adminStyles,
    css`
      .choices {
        display: grid;
        gap: 0.35rem;
      }
      .choices .check {
        align-items: flex-start;
      }
      .choices .check input {
        margin-block-start: 0.2rem;
      }
      .choices small {
        display: block;
        color: var(--sightline-color-muted);
      }
      code.scope {
        font-size: 0.85em;
      }
      .reach {
        display: block;
        font-size: 0.9em;
      }
    `,
  ];

  private tokens: IntegrationToken[] = [];
  private portals: Portal[] = [];
  private teams: TeamOption[] = [];
  private loaded = false;
  /** The secret of the token just made: shown once, dropped when its dialog closes. */
  private secret = '';
  private revoking: IntegrationToken | undefined;

  get #t(): IntegrationTokensTerms {
    return integrationTokensTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const [r, portals, teams] = await Promise.all([
      this.call(() => api.GET('/v1/integrations/tokens')),
      api.GET('/v1/portals'),
      loadTeams(api),
    ]);
    if (portals.data) this.portals = portals.data.items;
    if (teams.teams) this.teams = teams.teams;
    if (!r) return;
    this.tokens = r.data.items;
    this.loaded = true;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const form = event.target as HTMLFormElement;
    const f = new FormData(form);
    const expiry = String(f.get('expiresAt') ?? '');
    const portalIds = f.getAll('portalIds').map(String);
    const teamIds = f.getAll('teamIds').map(String);
    const body = {
      name: String(f.get('name') ?? '').trim(),
      scopes: f.getAll('scopes').map(String) as IntegrationToken['scopes'],
      portalIds: portalIds.length ? portalIds : null,
      teamIds: teamIds.length ? teamIds : null,
      // The token stops working at the end of the chosen day, in the manager's time zone.
      expiresAt: expiry ? new Date(`${expiry}T23:59:59`).toISOString() : null,
    };
    const r = await this.call(() => api.POST('/v1/integrations/tokens', { body }));
    if (!r) return;
    form.reset();
    this.closeDialog('token-form');
    this.changed('integration-tokens');
    this.secret = r.data.token;
    await this.openDialog('token-secret');
    void this.load();
  }

  async #revoke(): Promise<void> {
    const api = this.api;
    const token = this.revoking;
    if (!api || !token) return;
    const r = await this.call(() =>
      api.DELETE('/v1/integrations/tokens/{id}', { params: { path: { id: token.id } } }),
    );
    if (!r && this.problem?.status !== 404) return;
    this.closeDialog('token-revoke');
    this.changed('integration-tokens');
    await this.load();
    this.notice = this.#t.revoked(token.name);
  }

  #date(iso: string | null, fallback: string): string {
    return iso ? this.localize.dateTime(iso) : fallback;
  }

  #portalName = (id: string): string => this.portals.find((p) => p.id === id)?.name ?? this.#t.unknown(id);
  #teamName = (id: string): string => this.teams.find((x) => x.id === id)?.path ?? this.#t.unknown(id);

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <div class="toolbar">
        <h2>${t.heading}</h2>
        <button class="primary grow" data-action="new-token" @click=${() => this.openDialog('token-form')}>${t.newToken}</button>
      </div>
      <p class="hint">${t.intro}</p>
      ${this.renderProblem()} ${this.renderNotice()}
      ${!this.loaded ? (this.problem ? nothing : html`<p class="muted">${this.common.loading}</p>`) : this.#renderTable()}
      ${this.#renderCreate()} ${this.#renderSecret()} ${this.#renderRevoke()}
    </div>`;
  }

  #renderReach(k: IntegrationToken): TemplateResult {
    const t = this.#t;
    if (!k.portalIds && !k.teamIds) return html`<span class="muted">${t.everything}</span>`;
    return html`${k.portalIds ? html`<span class="reach" data-field="portals">${t.portalsLabel(k.portalIds.map(this.#portalName).join(', '))}</span>` : nothing}
      ${k.teamIds ? html`<span class="reach" data-field="teams">${t.teamsLabel(k.teamIds.map(this.#teamName).join(', '))}</span>` : nothing}`;
  }

  #renderTable(): TemplateResult {
    const t = this.#t;
    if (!this.tokens.length) return html`<p class="empty">${t.noTokens}</p>`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t.token}</th>
            <th scope="col">${t.scopes}</th>
            <th scope="col">${t.reach}</th>
            <th scope="col">${t.status}</th>
            <th scope="col" class="hide-narrow">${t.created}</th>
            <th scope="col" class="hide-narrow">${t.expires}</th>
            <th scope="col" class="hide-narrow">${t.lastUsed}</th>
            <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.tokens.map(
            (k) => html`<tr data-token=${k.id} data-name=${k.name} data-status=${k.status}>
              <th scope="row">${k.name}</th>
              <td>${k.scopes.map((s) => html`<span class="tag" title=${t.scopeHelp[s] ?? ''}>${s}</span>`)}</td>
              <td>${this.#renderReach(k)}</td>
              <td><span class="tag">${t.statuses[k.status] ?? k.status}</span></td>
              <td class="hide-narrow">${this.#date(k.createdAt, '')}</td>
              <td class="hide-narrow">${this.#date(k.expiresAt, t.never)}</td>
              <td class="hide-narrow">${this.#date(k.lastUsedAt, t.notUsed)}</td>
              <td class="actions-cell">
                ${
                  k.status === 'active'
                    ? html`<button class="danger" data-action="revoke" aria-label=${t.revokeToken(k.name)}
                      @click=${() => {
                        this.revoking = k;
                        void this.openDialog('token-revoke');
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

  /** A group of checkboxes with its legend, hint and the server's message for `path`. */
  #renderChoices(
    path: string,
    legend: string,
    hint: string,
    options: readonly { value: string; label: TemplateResult | string }[],
  ): TemplateResult {
    const error = this.errorFor(path);
    const describedBy = [hint ? `${path}-hint` : '', error ? `${path}-error` : ''].join(' ').trim();
    return html`<fieldset class="field" data-field=${path} aria-describedby=${describedBy || nothing}>
      <legend>${legend}</legend>
      ${hint ? html`<span class="hint" id="${path}-hint">${hint}</span>` : nothing}
      <div class="choices">
        ${options.map(
          (o, i) => html`<label class="check">
            <input type="checkbox" name=${path} value=${o.value} aria-invalid=${error && i === 0 ? 'true' : 'false'} />
            <span>${o.label}</span>
          </label>`,
        )}
      </div>
      ${this.fieldError(path, path)}
    </fieldset>`;
  }

  #renderCreate(): TemplateResult {
    const t = this.#t;
    const nameError = this.errorFor('name');
    const expiryError = this.errorFor('expiresAt');
    const scopes = integrationScopes.map((s) => ({
      value: s,
      label: html`<code class="scope">${s}</code><small>${t.scopeHelp[s] ?? ''}</small>`,
    }));
    return html`<dialog id="token-form" class="wide" aria-labelledby="token-form-title" @close=${() => this.onDialogClose('token-form')}>
      <h2 id="token-form-title">${t.newToken}</h2>
      ${this.renderProblem('token-form')}
      <form @submit=${this.#create} novalidate>
        <div class="field">
          <label for="token-name">${t.tokenName}</label>
          <input id="token-name" name="name" required maxlength="100" aria-invalid=${nameError ? 'true' : 'false'}
            aria-describedby="token-name-hint ${nameError ? 'name-error' : ''}" />
          <span class="hint" id="token-name-hint">${t.tokenNameHint}</span>
          ${this.fieldError('name', 'name')}
        </div>
        ${this.#renderChoices('scopes', t.scopesLegend, '', scopes)}
        <div class="grid">
          ${
            this.portals.length
              ? this.#renderChoices(
                  'portalIds',
                  `${t.portalsLegend} ${this.common.optional}`,
                  t.portalsHint,
                  this.portals.map((p) => ({ value: p.id, label: p.name })),
                )
              : nothing
          }
          ${
            this.teams.length
              ? this.#renderChoices(
                  'teamIds',
                  `${t.teamsLegend} ${this.common.optional}`,
                  t.teamsHint,
                  this.teams.map((x) => ({ value: x.id, label: x.path })),
                )
              : nothing
          }
        </div>
        <div class="field">
          <label for="token-expiry">${t.expiry} ${this.common.optional}</label>
          <input id="token-expiry" name="expiresAt" type="date" aria-invalid=${expiryError ? 'true' : 'false'}
            aria-describedby="token-expiry-hint ${expiryError ? 'expiresAt-error' : ''}" />
          <span class="hint" id="token-expiry-hint">${t.expiryHint}</span>
          ${this.fieldError('expiresAt', 'expiresAt')}
        </div>
        <div class="actions">
          <button type="button" @click=${() => this.closeDialog('token-form')}>${this.common.cancel}</button>
          <button type="submit" class="primary" data-action="create" ?disabled=${this.busy}>${this.common.create}</button>
        </div>
      </form>
    </dialog>`;
  }

  #renderSecret(): TemplateResult {
    const t = this.#t;
    return this.renderSecretDialog({
      id: 'token-secret',
      heading: t.createdHeading,
      once: t.shownOnce,
      secret: this.secret,
      copyLabel: t.copyToken,
      doneLabel: t.done,
      onClose: () => {
        this.secret = '';
      },
    });
  }

  #renderRevoke(): TemplateResult {
    const t = this.#t;
    const name = this.revoking?.name ?? '';
    return html`<dialog id="token-revoke" role="alertdialog" aria-labelledby="token-revoke-title" aria-describedby="token-revoke-explain"
      @close=${() => this.onDialogClose('token-revoke')}>
      <h2 id="token-revoke-title">${t.revokeQuestion(name)}</h2>
      ${this.renderProblem('token-revoke')}
      <p id="token-revoke-explain">${t.revokeExplain} ${this.common.cannotUndo}</p>
      <div class="actions">
        <button type="button" autofocus @click=${() => this.closeDialog('token-revoke')}>${this.common.cancel}</button>
        <button type="button" class="danger" data-action="confirm-revoke" ?disabled=${this.busy} @click=${() => this.#revoke()}>
          ${t.revoke}
        </button>
      </div>
    </dialog>`;
  }
}
