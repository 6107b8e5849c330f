import { css, html, nothing, type TemplateResult } from 'lit';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import { etagOf, idempotencyKey, type Problem } from '../shared/api.js';
import { type FeatureTerms, featureTranslations } from '../shared/feature-translations.js';
import { loadTeams, type TeamOption } from '../shared/teams.js';
import { type PassphraseStatus, renderPassphraseForm } from './passphrase-form.js';
import { passphraseTranslations } from './passphrase-translations.js';
import {
  bodyOf,
  DAYS,
  draftOf,
  emptyDraft,
  FEATURES,
  modeCounts,
  type Portal,
  type PortalDraft,
} from './portal-draft.js';
import { renderPortalForm } from './portal-form.js';
import { type PortalsTerms, portalsTranslations } from './portals-translations.js';

/**
 * @tagname sightline-admin-portals
 * @summary The organization's portals: create and edit a portal's name, URL slug, sub-portals, teams,
 * feature modes (off / on / required), report email, business hours, holidays and what happens
 * outside them; every change guarded by the portal's ETag (MC-1, MC-6, VS-2).
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart base - The frame.
 * @csspart table - The portal table.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-portals></sightline-admin-portals>
 * </sightline-provider>
 */
export class SightlineAdminPortals extends AdminElement {
  static override properties = {
    portals: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    teams: { state: true, attribute: false },
    editing: { state: true, attribute: false },
    draft: { state: true, attribute: false },
    passphraseOf: { state: true, attribute: false },
    passphrase: { state: true, attribute: false },
  };
  static override styles = [
    adminStyles,
    css`
      .features {
        display: grid;
        gap: 0.5rem;
      }
      .feature {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.25rem 1rem;
        padding: 0.35rem 0;
        border-bottom: 1px solid #eaeef2;
      }
      .feature-name {
        font-weight: 600;
      }
      .segmented {
        display: inline-flex;
        border: 1px solid var(--sightline-color-border);
        border-radius: var(--sightline-radius);
        overflow: hidden;
      }
      .segmented label {
        position: relative;
        font-weight: 400;
      }
      .segmented input {
        position: absolute;
        opacity: 0;
        inset: 0;
        width: 100%;
        height: 100%;
        margin: 0;
        cursor: pointer;
      }
      .segmented span {
        display: block;
        padding: 0.3rem 0.75rem;
        min-width: 4.5rem;
        text-align: center;
      }
      .segmented label + label span {
        border-inline-start: 1px solid var(--sightline-color-border);
      }
      .segmented input:checked + span {
        background: var(--sightline-color-primary);
        color: var(--sightline-color-on-primary);
      }
      .segmented input:focus-visible + span {
        outline: 3px solid var(--sightline-color-focus);
        outline-offset: -3px;
      }
      .day {
        display: grid;
        grid-template-columns: 7rem 1fr;
        gap: 0.5rem;
        align-items: center;
        padding: 0.3rem 0;
      }
      .intervals {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .interval {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
      }
      .interval input {
        width: 7.5rem;
      }
      button.icon {
        min-width: 2.5rem;
        padding: 0.3rem 0.6rem;
      }
      ul.holidays {
        list-style: none;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      ul.holidays li {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
      @media (max-width: 30rem) {
        .day {
          grid-template-columns: 1fr;
        }
        .segmented span {
          min-width: 0;
          padding: 0.3rem 0.55rem;
        }
      }
    `,
  ];

  private portals: Portal[] = [];
  private loaded = false;
  private teams: TeamOption[] = [];
  private editing: Portal | undefined;
  private draft: PortalDraft = emptyDraft();
  #etag: string | undefined;
  #createKey = '';
  /** The portal whose replay passphrase is open (MC-13), and its status. */
  private passphraseOf: Portal | undefined;
  private passphrase: PassphraseStatus | undefined;

  get #t(): PortalsTerms {
    return portalsTranslations[this.language];
  }

  get #ft(): FeatureTerms {
    return featureTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const teams = await loadTeams(api);
    if (teams.teams) this.teams = teams.teams;
    const r = await this.call(() => api.GET('/v1/portals'));
    if (!r) return;
    this.portals = r.data.items;
    this.loaded = true;
  }

  async #openCreate(): Promise<void> {
    this.editing = undefined;
    this.#etag = undefined;
    this.draft = emptyDraft();
    this.#createKey = idempotencyKey();
    await this.openDialog('portal-form');
  }

  async #openEdit(p: Portal): Promise<void> {
    if (!(await this.#fetch(p.id))) return;
    await this.openDialog('portal-form');
  }

  async #fetch(id: string): Promise<boolean> {
    const api = this.api;
    if (!api) return false;
    const r = await this.call(() => api.GET('/v1/portals/{id}', { params: { path: { id } } }));
    if (!r) {
      if (this.problem?.status === 404) void this.reloadKeeping(this.problem);
      return false;
    }
    this.editing = r.data;
    this.#etag = etagOf(r.response);
    this.draft = draftOf(r.data);
    return true;
  }

  async #openPassphrase(p: Portal): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.passphraseOf = p;
    this.passphrase = undefined;
    await this.openDialog('passphrase');
    const r = await this.call(() =>
      api.GET('/v1/portals/{id}/replay-passphrase', { params: { path: { id: p.id } } }),
    );
    if (r) this.passphrase = r.data;
  }

  /** Sets or changes the passphrase (MC-13): the account password, the current one when set. */
  #savePassphrase = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const api = this.api;
    const portal = this.passphraseOf;
    const form = e.target as HTMLFormElement;
    if (!api || !portal) return;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value;
    const t = passphraseTranslations[this.language];
    if (value('new-passphrase') !== value('repeat-passphrase')) {
      await this.fail({
        type: 'https://sightline.dev/problems/validation',
        title: t.mismatch,
        status: 400,
        code: 'validation',
        errors: [{ path: 'body.repeat', message: t.mismatch }],
      } as never);
      return;
    }
    const current = value('current-passphrase');
    const r = await this.call(() =>
      api.PUT('/v1/portals/{id}/replay-passphrase', {
        params: { path: { id: portal.id } },
        body: {
          password: value('account-password') ?? '',
          passphrase: value('new-passphrase') ?? '',
          ...(current ? { currentPassphrase: current } : {}),
        },
      }),
    );
    if (!r) return;
    this.passphrase = r.data;
    form.reset();
    this.notice = t.saved;
  };

  async #removePassphrase(): Promise<void> {
    const api = this.api;
    const portal = this.passphraseOf;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#account-password');
    if (!api || !portal || !input) return;
    if (!input.value) {
      input.reportValidity();
      return;
    }
    const r = await this.call(() =>
      api.POST('/v1/portals/{id}/replay-passphrase/remove', {
        params: { path: { id: portal.id } },
        body: { password: input.value },
      }),
    );
    if (!r) return;
    this.passphrase = r.data;
    input.form?.reset();
    this.notice = passphraseTranslations[this.language].removed;
  }

  #change = (fn: (d: PortalDraft) => void): void => {
    const next = structuredClone(this.draft);
    fn(next);
    this.draft = next;
  };

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const body = bodyOf(this.draft);
    const editing = this.editing;
    const r = editing
      ? await this.call(() =>
          api.PATCH('/v1/portals/{id}', {
            params: { path: { id: editing.id }, header: { 'if-match': this.#etag } },
            body,
          }),
        )
      : await this.call(() =>
          api.POST('/v1/portals', { params: { header: { 'idempotency-key': this.#createKey } }, body }),
        );
    if (!r) {
      if (editing && this.problem?.status === 412) {
        const stale: Problem = this.problem;
        await this.#fetch(editing.id);
        this.problem = stale;
      }
      return;
    }
    this.closeDialog('portal-form');
    this.changed('portals');
    await this.load();
    this.notice = editing ? this.#t.saved(r.data.name) : this.#t.created(r.data.name);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <div class="toolbar">
        <h2>${t.heading}</h2>
        <button class="primary grow" data-action="new-portal" @click=${() => this.#openCreate()}>${t.newPortal}</button>
      </div>
      <p class="hint">${t.intro}</p>
      ${this.renderProblem()} ${this.renderNotice()}
      ${!this.loaded ? html`<p class="muted">${this.common.loading}</p>` : this.#renderTable()}
      ${this.#renderDialog()} ${this.#renderPassphraseDialog()}
    </div>`;
  }

  #renderTable(): TemplateResult {
    const t = this.#t;
    if (!this.portals.length) return html`<p class="empty">${t.noPortals}</p>`;
    const teamName = (id: string) => this.teams.find((x) => x.id === id)?.path ?? id;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t.portal}</th>
            <th scope="col" class="hide-narrow">${t.teams}</th>
            <th scope="col">${t.features}</th>
            <th scope="col" class="hide-narrow">${t.hours}</th>
            <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.portals.map((p) => {
            const counts = modeCounts(p.features);
            const openDays = p.businessHours ? DAYS.filter((d) => p.businessHours?.[d]?.length).length : 7;
            return html`<tr data-portal=${p.id} data-name=${p.name}>
              <th scope="row">${p.name}<br /><span class="muted">/${p.slug}</span></th>
              <td class="hide-narrow">${
                p.teamIds.length
                  ? p.teamIds.map((id) => html`<span class="tag">${teamName(id)}</span>`)
                  : html`<span class="muted">${t.noTeams}</span>`
              }</td>
              <td>
                ${FEATURES.filter((f) => p.features[f] !== 'on').map(
                  (f) => html`<span class="tag" data-feature=${f} data-mode=${p.features[f]}
                    >${this.#ft.features[f]}: ${this.#ft.modes[p.features[f]]}</span>`,
                )}
                <span class="visually-hidden">${t.featureSummary(counts.off, counts.required)}</span>
              </td>
              <td class="hide-narrow">${p.businessHours ? t.openDays(openDays) : t.aroundTheClock}</td>
              <td class="actions-cell">
                <button data-action="edit" aria-label=${t.editPortal(p.name)} @click=${() => this.#openEdit(p)}>${this.common.edit}</button>
                <button data-action="passphrase" @click=${() => this.#openPassphrase(p)}>
                  ${passphraseTranslations[this.language].action(p.name)}
                </button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  #renderDialog(): TemplateResult {
    const t = this.#t;
    const p = this.editing;
    return html`<dialog id="portal-form" class="wide" aria-labelledby="portal-form-title"
      @close=${() => this.onDialogClose('portal-form')}>
      <h2 id="portal-form-title">${p ? t.editPortal(p.name) : t.newPortal}</h2>
      ${this.renderProblem('portal-form')}
      <form @submit=${this.#save} novalidate>
        ${
          this.dialog === 'portal-form'
            ? renderPortalForm({
                draft: this.draft,
                teams: this.teams,
                t,
                ft: this.#ft,
                optional: this.common.optional,
                nameLabel: this.common.name,
                errorFor: (...paths) => this.errorFor(...paths),
                change: this.#change,
              })
            : nothing
        }
        <div class="actions">
          <button type="button" @click=${() => this.closeDialog('portal-form')}>${this.common.cancel}</button>
          <button type="submit" class="primary" data-action="save" ?disabled=${this.busy}>
            ${this.busy ? this.common.saving : p ? this.common.save : this.common.create}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  #renderPassphraseDialog(): TemplateResult {
    const t = passphraseTranslations[this.language];
    const p = this.passphraseOf;
    return html`<dialog id="passphrase" aria-labelledby="passphrase-title" @close=${() => this.onDialogClose('passphrase')}>
      <h2 id="passphrase-title">${p ? t.title(p.name) : ''}</h2>
      ${this.renderProblem('passphrase')} ${this.renderNotice('passphrase')}
      <form @submit=${this.#savePassphrase} novalidate>
        ${
          this.dialog === 'passphrase'
            ? renderPassphraseForm({
                t,
                status: this.passphrase,
                busy: this.busy,
                dateTime: (iso) => this.localize.dateTime(iso),
                errorFor: (...paths) => this.errorFor(...paths),
                remove: () => void this.#removePassphrase(),
              })
            : nothing
        }
        <div class="actions">
          <button type="button" @click=${() => this.closeDialog('passphrase')}>${this.common.cancel}</button>
          <button type="submit" class="primary" data-action="save-passphrase" ?disabled=${this.busy || !this.passphrase}>
            ${this.passphrase?.protected ? t.change : t.set}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}
