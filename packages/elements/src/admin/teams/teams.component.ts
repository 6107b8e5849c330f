import { css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import { etagOf, idempotencyKey, type Problem, type Schema } from '../shared/api.js';
import { type TeamOption, teamOptions } from '../shared/teams.js';
import { type TeamsTerms, teamsTranslations } from './teams-translations.js';

type Team = Schema<'Team'>;
type User = Schema<'User'>;

/**
 * @tagname sightline-admin-teams
 * @summary The team tree (MC-3): create teams and sub-teams, rename, move in the tree, choose team
 * managers, open a team's settings, and delete a team moving its agents, sub-teams and devices to
 * another team; every change guarded by the team's ETag.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart base - The frame.
 * @csspart tree - The team tree.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-teams></sightline-admin-teams>
 * </sightline-provider>
 */
export class SightlineAdminTeams extends AdminElement {
  static override properties = {
    teams: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    managers: { state: true, attribute: false },
    editing: { state: true, attribute: false },
    newParentId: { state: true, attribute: false },
    deleting: { state: true, attribute: false },
    settingsOf: { state: true, attribute: false },
    generation: { state: true, attribute: false },
  };
  static override styles = [
    adminStyles,
    css`
      ul.tree,
      ul.tree ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.tree ul {
        margin-inline-start: 1.1rem;
        padding-inline-start: 0.9rem;
        border-inline-start: 2px solid #d0d7de;
      }
      .team-row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.35rem 0.75rem;
        padding: 0.5rem 0.25rem;
        border-bottom: 1px solid #eaeef2;
      }
      .team-name {
        font-weight: 600;
      }
      .team-row .actions {
        margin-inline-start: auto;
      }
      .team-row .actions button {
        min-height: 2.25rem;
        padding: 0.25rem 0.65rem;
      }
    `,
  ];

  private teams: Team[] = [];
  private loaded = false;
  private managers: User[] = [];
  /** The team edited (`undefined` when creating) and the parent a new team goes under. */
  private editing: Team | undefined;
  private newParentId: string | null = null;
  private deleting: Team | undefined;
  private settingsOf: Team | undefined;
  private generation = 0;
  #etag: string | undefined;
  #createKey = '';

  get #t(): TeamsTerms {
    return teamsTranslations[this.language];
  }

  get #options(): TeamOption[] {
    return teamOptions(this.teams);
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() => api.GET('/v1/teams'));
    if (!r) return;
    this.teams = r.data.items;
    this.loaded = true;
    if (this.me?.role === 'company-manager') {
      const m = await api.GET('/v1/users', { params: { query: { role: 'team-manager', limit: 200 } } });
      if (m.data) this.managers = m.data.items;
    }
  }

  /** The team and everything below it: where it may not move to, and what cannot receive its members. */
  #subtree(id: string): Set<string> {
    const out = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of this.teams) {
        if (t.parentId && out.has(t.parentId) && !out.has(t.id)) {
          out.add(t.id);
          grew = true;
        }
      }
    }
    return out;
  }

  #name(id: string | null): string {
    return this.#options.find((t) => t.id === id)?.path ?? '';
  }

  async #openCreate(parentId: string | null): Promise<void> {
    this.editing = undefined;
    this.#etag = undefined;
    this.newParentId = parentId;
    this.#createKey = idempotencyKey();
    this.generation++;
    await this.openDialog('team-form');
  }

  async #fetch(id: string): Promise<Team | undefined> {
    const api = this.api;
    if (!api) return undefined;
    const r = await this.call(() => api.GET('/v1/teams/{id}', { params: { path: { id } } }));
    if (!r) {
      if (this.problem?.status === 404) void this.reloadKeeping(this.problem);
      return undefined;
    }
    this.#etag = etagOf(r.response);
    this.generation++;
    return r.data;
  }

  async #openEdit(team: Team): Promise<void> {
    const fresh = await this.#fetch(team.id);
    if (!fresh) return;
    this.editing = fresh;
    await this.openDialog('team-form');
  }

  async #openDelete(team: Team): Promise<void> {
    const fresh = await this.#fetch(team.id);
    if (!fresh) return;
    this.deleting = fresh;
    await this.openDialog('team-delete');
  }

  async #stale(problem: Problem, id: string, into: 'editing' | 'deleting'): Promise<void> {
    const fresh = await this.#fetch(id);
    if (fresh) this[into] = fresh;
    await this.reloadKeeping(problem);
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const f = new FormData(event.target as HTMLFormElement);
    const name = String(f.get('name') ?? '').trim();
    const parentId = String(f.get('parentId') ?? '') || null;
    const managerIds = this.me?.role === 'company-manager' ? f.getAll('managerIds').map(String) : undefined;
    const editing = this.editing;
    const r = editing
      ? await this.call(() =>
          api.PATCH('/v1/teams/{id}', {
            params: { path: { id: editing.id }, header: { 'if-match': this.#etag } },
            body: {
              ...(name !== editing.name ? { name } : {}),
              ...(parentId !== editing.parentId ? { parentId } : {}),
              ...(managerIds ? { managerIds } : {}),
            },
          }),
        )
      : await this.call(() =>
          api.POST('/v1/teams', {
            params: { header: { 'idempotency-key': this.#createKey } },
            body: { name, parentId, ...(managerIds?.length ? { managerIds } : {}) },
          }),
        );
    if (!r) {
      if (editing && this.problem?.status === 412) await this.#stale(this.problem, editing.id, 'editing');
      return;
    }
    this.closeDialog('team-form');
    this.changed('teams');
    await this.load();
    this.notice = editing ? this.#t.saved(r.data.name) : this.#t.created(r.data.name);
  }

  async #delete(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    const team = this.deleting;
    if (!api || !team) return;
    const moveTo = String(new FormData(event.target as HTMLFormElement).get('moveTo') ?? '');
    const r = await this.call(() =>
      api.DELETE('/v1/teams/{id}', {
        params: {
          path: { id: team.id },
          query: moveTo ? { moveTo } : {},
          header: { 'if-match': this.#etag },
        },
      }),
    );
    if (!r) {
      if (this.problem?.status === 412) await this.#stale(this.problem, team.id, 'deleting');
      return;
    }
    const target = this.#name(r.data.movedTo);
    this.closeDialog('team-delete');
    this.changed('teams');
    await this.load();
    this.notice = this.#t.deleted(team.name, target, r.data.movedUserIds.length, r.data.movedTeamIds.length);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <div class="toolbar">
        <h2>${t.heading}</h2>
        <button class="primary grow" data-action="new-team" @click=${() => this.#openCreate(null)}>${t.newTeam}</button>
      </div>
      <p class="hint">${t.intro}</p>
      ${this.renderProblem()} ${this.renderNotice()}
      ${
        !this.loaded
          ? html`<p class="muted">${this.common.loading}</p>`
          : this.teams.length
            ? html`<ul class="tree" part="tree">${this.#renderLevel(null)}</ul>`
            : html`<p class="empty">${t.noTeams}</p>`
      }
      ${this.#renderForm()} ${this.#renderDelete()} ${this.#renderSettings()}
    </div>`;
  }

  #renderLevel(parentId: string | null): TemplateResult[] {
    const t = this.#t;
    const ids = new Set(this.teams.map((x) => x.id));
    const level = this.teams
      .filter((x) => (parentId === null ? !x.parentId || !ids.has(x.parentId) : x.parentId === parentId))
      .sort((a, b) => a.name.localeCompare(b.name));
    return level.map((team) => {
      const children = this.teams.some((x) => x.parentId === team.id);
      const managerNames = team.managerIds.map(
        (id) => this.managers.find((m) => m.id === id)?.displayName ?? '',
      );
      return html`<li data-team=${team.id} data-name=${team.name}>
        <div class="team-row">
          <span class="team-name">${team.name}</span>
          <span class="muted">${t.agents(team.agentCount)}</span>
          ${managerNames.filter(Boolean).map((n) => html`<span class="tag">${n}</span>`)}
          <span class="actions">
            <button data-action="add-sub-team" aria-label=${t.addSubTeamOf(team.name)} @click=${() => this.#openCreate(team.id)}>${t.addSubTeam}</button>
            <button data-action="settings" aria-label=${t.settingsOf(team.name)} @click=${() => {
              this.settingsOf = team;
              void this.openDialog('team-settings');
            }}>${t.settings}</button>
            <button data-action="edit" aria-label=${t.editTeam(team.name)} @click=${() => this.#openEdit(team)}>${this.common.edit}</button>
            <button class="danger" data-action="delete" aria-label=${t.deleteTeam(team.name)} @click=${() => this.#openDelete(team)}>${this.common.delete}</button>
          </span>
        </div>
        ${children ? html`<ul>${this.#renderLevel(team.id)}</ul>` : nothing}
      </li>`;
    });
  }

  #renderForm(): TemplateResult {
    const t = this.#t;
    const team = this.editing;
    const title = team
      ? t.editTeam(team.name)
      : this.newParentId
        ? t.newSubTeam(this.#name(this.newParentId))
        : t.newTeam;
    const excluded = team ? this.#subtree(team.id) : new Set<string>();
    const parentId = team ? team.parentId : this.newParentId;
    const nameError = this.errorFor('name');
    const parentError = this.errorFor('parentId');
    return html`<dialog id="team-form" aria-labelledby="team-form-title" @close=${() => this.onDialogClose('team-form')}>
      <h2 id="team-form-title">${title}</h2>
      ${this.renderProblem('team-form')}
      ${keyed(
        this.generation,
        html`<form @submit=${this.#save} novalidate>
          <div class="field">
            <label for="team-name">${this.common.name}</label>
            <input id="team-name" name="name" required maxlength="100" .value=${team?.name ?? ''}
              aria-invalid=${nameError ? 'true' : 'false'} aria-describedby=${nameError ? 'name-error' : nothing} />
            ${this.fieldError('name', 'name')}
          </div>
          <div class="field">
            <label for="team-parent">${t.parent}</label>
            <select id="team-parent" name="parentId" aria-invalid=${parentError ? 'true' : 'false'}
              aria-describedby=${parentError ? 'parentId-error' : nothing}>
              <option value="">${t.topLevel}</option>
              ${this.#options
                .filter((o) => !excluded.has(o.id))
                .map((o) => html`<option value=${o.id} ?selected=${o.id === parentId}>${o.path}</option>`)}
            </select>
            ${this.fieldError('parentId', 'parentId')}
          </div>
          ${
            this.me?.role === 'company-manager'
              ? html`<fieldset class="field">
                <legend>${t.managers}</legend>
                ${
                  this.managers.length
                    ? this.managers.map(
                        (
                          m,
                        ) => html`<label class="check"><input type="checkbox" name="managerIds" value=${m.id}
                        ?checked=${team?.managerIds.includes(m.id)} />${m.displayName}</label>`,
                      )
                    : html`<p class="hint">${t.noManagers}</p>`
                }
              </fieldset>`
              : nothing
          }
          <div class="actions">
            <button type="button" @click=${() => this.closeDialog('team-form')}>${this.common.cancel}</button>
            <button type="submit" class="primary" data-action="save" ?disabled=${this.busy}>
              ${team ? this.common.save : this.common.create}
            </button>
          </div>
        </form>`,
      )}
    </dialog>`;
  }

  #renderDelete(): TemplateResult {
    const t = this.#t;
    const team = this.deleting;
    const excluded = team ? this.#subtree(team.id) : new Set<string>();
    const targets = this.#options.filter((o) => !excluded.has(o.id));
    return html`<dialog id="team-delete" role="alertdialog" aria-labelledby="team-delete-title"
      aria-describedby="team-delete-explain" @close=${() => this.onDialogClose('team-delete')}>
      <h2 id="team-delete-title">${this.common.confirmDelete(team?.name ?? '')}</h2>
      ${this.renderProblem('team-delete')}
      <p id="team-delete-explain">${t.deleteExplain}</p>
      ${keyed(
        this.generation,
        html`<form @submit=${this.#delete}>
          <div class="field">
            <label for="move-to">${t.moveTo}</label>
            <select id="move-to" name="moveTo" required>
              ${team?.parentId ? nothing : html`<option value="">${t.chooseTarget}</option>`}
              ${targets.map((o) => html`<option value=${o.id} ?selected=${o.id === team?.parentId}>${o.path}</option>`)}
            </select>
          </div>
          <div class="actions">
            <button type="button" @click=${() => this.closeDialog('team-delete')}>${this.common.cancel}</button>
            <button type="submit" class="danger" data-action="confirm-delete" ?disabled=${this.busy}>${this.common.delete}</button>
          </div>
        </form>`,
      )}
    </dialog>`;
  }

  #renderSettings(): TemplateResult {
    const team = this.settingsOf;
    return html`<dialog id="team-settings" class="wide" aria-labelledby="team-settings-title"
      @close=${() => this.onDialogClose('team-settings')}>
      <h2 id="team-settings-title">${team ? this.#t.settingsOf(team.name) : ''}</h2>
      ${
        team && this.dialog === 'team-settings'
          ? html`<sightline-admin-team-settings team-id=${team.id} .sightline=${this.sdk}
            @sightline-admin-done=${() => this.closeDialog('team-settings')}></sightline-admin-team-settings>`
          : nothing
      }
    </dialog>`;
  }
}
