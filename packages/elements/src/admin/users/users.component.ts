import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { styleProps } from '../../shared/style-props.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import { etagOf, grantableRights, idempotencyKey, type Problem, type Schema } from '../shared/api.js';
import { loadTeams, type TeamOption } from '../shared/teams.js';
import { type UsersTerms, usersTranslations } from './users-translations.js';

type User = Schema<'User'>;
type Role = Schema<'CreateUserRequest'>['role'];
const ROLES: readonly Role[] = ['agent', 'team-manager', 'company-manager'];
const LANGUAGES = ['en', 'de', 'es', 'pt'] as const;

/**
 * @tagname sightline-admin-users
 * @summary The organization's users: search and filter by role, create, edit (role, team, managed
 * teams, granted rights, language, time zone, password) and delete, each change guarded by the
 * user's ETag (MC-1, MC-2, MC-3).
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart base - The frame.
 * @csspart table - The user table.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-users></sightline-admin-users>
 * </sightline-provider>
 */
export class SightlineAdminUsers extends AdminElement {
  static override properties = {
    users: { state: true, attribute: false },
    nextCursor: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    teams: { state: true, attribute: false },
    query: { state: true, attribute: false },
    roleFilter: { state: true, attribute: false },
    editing: { state: true, attribute: false },
    draftRole: { state: true, attribute: false },
    deleting: { state: true, attribute: false },
    formGeneration: { state: true, attribute: false },
  };
  static override styles = adminStyles;

  private users: User[] = [];
  private nextCursor: string | null = null;
  private loaded = false;
  private teams: TeamOption[] = [];
  private query = '';
  private roleFilter = '';
  /** The user being edited (`undefined` while creating) and its ETag. */
  private editing: User | undefined;
  #etag: string | undefined;
  private draftRole: Role = 'agent';
  private deleting: User | undefined;
  #createKey = '';
  /** A new form for every user shown, so no typed value outlives the dialog it was typed in. */
  private formGeneration = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  get #t(): UsersTerms {
    return usersTranslations[this.language];
  }

  protected override async load(more = false): Promise<void> {
    const api = this.api;
    if (!api) return;
    if (!more) {
      const t = await loadTeams(api);
      if (t.teams) this.teams = t.teams;
    }
    const query = {
      limit: 50,
      ...(this.query.trim() ? { q: this.query.trim() } : {}),
      ...(this.roleFilter ? { role: this.roleFilter as User['role'] } : {}),
      ...(more && this.nextCursor ? { cursor: this.nextCursor } : {}),
    };
    const r = await this.call(() => api.GET('/v1/users', { params: { query } }));
    if (!r) return;
    this.users = more ? [...this.users, ...r.data.items] : r.data.items;
    this.nextCursor = r.data.nextCursor;
    this.loaded = true;
  }

  #teamPath(id: string | null): string {
    return (id && this.teams.find((t) => t.id === id)?.path) || this.common.none;
  }

  #search(value: string): void {
    this.query = value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.load(), 250);
  }

  async #openCreate(): Promise<void> {
    this.editing = undefined;
    this.#etag = undefined;
    this.draftRole = 'agent';
    this.#createKey = idempotencyKey();
    this.formGeneration++;
    await this.openDialog('user-form');
  }

  async #openEdit(user: User): Promise<void> {
    if (!(await this.#fetch(user.id))) return;
    await this.openDialog('user-form');
  }

  /** Reads one user with its ETag into the form; false when it is gone. */
  async #fetch(id: string): Promise<boolean> {
    const api = this.api;
    if (!api) return false;
    const r = await this.call(() => api.GET('/v1/users/{id}', { params: { path: { id } } }));
    if (!r) {
      if (this.problem?.status === 404) void this.reloadKeeping(this.problem);
      return false;
    }
    this.editing = r.data;
    this.#etag = etagOf(r.response);
    this.draftRole = r.data.role === 'api-manager' ? 'agent' : r.data.role;
    this.formGeneration++;
    return true;
  }

  /** On a stale ETag: reload the user into the form, keep the 412 problem on screen. */
  async #reloadStale(problem: Problem): Promise<void> {
    if (this.editing) await this.#fetch(this.editing.id);
    await this.reloadKeeping(problem);
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api) return;
    const form = event.target as HTMLFormElement;
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const role = this.draftRole;
    const rights = f.getAll('rights').map(String) as NonNullable<Schema<'CreateUserRequest'>['rights']>;
    const common = {
      email: s('email'),
      role,
      firstName: s('firstName'),
      lastName: s('lastName'),
      ...(s('displayName') ? { displayName: s('displayName') } : {}),
      customField: s('customField') || null,
      teamId: role === 'agent' ? s('teamId') || null : null,
      managedTeamIds: role === 'team-manager' ? f.getAll('managedTeamIds').map(String) : [],
      rights: grantableRights(role).length ? rights : [],
      language: s('language') as (typeof LANGUAGES)[number],
      ...(s('timeZone') ? { timeZone: s('timeZone') } : {}),
    };
    const editing = this.editing;
    if (!editing) {
      const r = await this.call(() =>
        api.POST('/v1/users', {
          params: { header: { 'idempotency-key': this.#createKey } },
          body: { ...common, password: s('password') },
        }),
      );
      if (!r) return;
      this.closeDialog('user-form');
      this.changed('users');
      await this.load();
      this.notice = this.#t.created(r.data.displayName);
      return;
    }
    const r = await this.call(() =>
      api.PATCH('/v1/users/{id}', {
        params: { path: { id: editing.id }, header: { 'if-match': this.#etag } },
        body: { ...common, ...(s('password') ? { password: s('password') } : {}) },
      }),
    );
    if (!r) {
      if (this.problem?.status === 412) await this.#reloadStale(this.problem);
      return;
    }
    this.closeDialog('user-form');
    this.changed('users');
    await this.load();
    this.notice = this.#t.updated(r.data.displayName);
  }

  async #openDelete(user: User): Promise<void> {
    if (!(await this.#fetch(user.id))) return;
    this.deleting = this.editing;
    await this.openDialog('user-delete');
  }

  async #delete(): Promise<void> {
    const api = this.api;
    const user = this.deleting;
    if (!api || !user) return;
    const r = await this.call(() =>
      api.DELETE('/v1/users/{id}', { params: { path: { id: user.id }, header: { 'if-match': this.#etag } } }),
    );
    if (!r && this.problem?.status !== 404) {
      if (this.problem?.status === 412) {
        const p = this.problem;
        await this.#fetch(user.id);
        this.deleting = this.editing;
        this.problem = p;
      }
      return;
    }
    this.closeDialog('user-delete');
    this.changed('users');
    await this.load();
    this.notice = this.#t.deleted(user.displayName);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <div class="toolbar">
        <h2>${t.heading}</h2>
        <button class="primary grow" data-action="new-user" @click=${() => this.#openCreate()}>${t.newUser}</button>
      </div>
      <div class="toolbar">
        <label class="visually-hidden" for="q">${t.search}</label>
        <input id="q" type="search" placeholder=${t.searchPlaceholder} style=${styleProps({ 'max-width': '18rem' })}
          .value=${this.query} @input=${(e: Event) => this.#search((e.target as HTMLInputElement).value)} />
        <label for="role-filter">${t.roleFilter}</label>
        <select id="role-filter" style=${styleProps({ width: 'auto' })} @change=${(e: Event) => {
          this.roleFilter = (e.target as HTMLSelectElement).value;
          void this.load();
        }}>
          <option value="">${t.allRoles}</option>
          ${[...ROLES, 'api-manager'].map((r) => html`<option value=${r} ?selected=${this.roleFilter === r}>${t.roles[r]}</option>`)}
        </select>
      </div>
      ${this.renderProblem()} ${this.renderNotice()}
      ${!this.loaded ? html`<p class="muted">${this.common.loading}</p>` : this.#renderTable()}
      ${
        this.nextCursor
          ? html`<p><button data-action="more" @click=${() => this.load(true)}>${t.loadMore}</button></p>`
          : nothing
      }
      ${this.#renderForm()} ${this.#renderDelete()}
    </div>`;
  }

  #renderTable(): TemplateResult {
    const t = this.#t;
    if (!this.users.length) return html`<p class="empty">${t.noUsers}</p>`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t.user}</th>
            <th scope="col">${t.role}</th>
            <th scope="col" class="hide-narrow">${t.team}</th>
            <th scope="col" class="hide-narrow">${t.rights}</th>
            <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.users.map(
            (u) => html`<tr data-user=${u.id} data-email=${u.email}>
              <th scope="row">${u.displayName}<br /><span class="muted">${u.email}</span></th>
              <td>${t.roles[u.role] ?? u.role}</td>
              <td class="hide-narrow">${
                u.role === 'team-manager'
                  ? u.managedTeamIds.map((id) => html`<span class="tag">${this.#teamPath(id)}</span>`)
                  : this.#teamPath(u.teamId)
              }</td>
              <td class="hide-narrow">${
                u.role === 'company-manager'
                  ? html`<span class="muted">${t.companyManagerRights}</span>`
                  : u.rights.map((r) => html`<span class="tag">${t.rightNames[r] ?? r}</span>`)
              }</td>
              <td class="actions-cell">
                ${
                  u.role === 'api-manager'
                    ? nothing
                    : html`<button data-action="edit" aria-label=${t.editUser(u.displayName)} @click=${() => this.#openEdit(u)}>${this.common.edit}</button>
                      <button class="danger" data-action="delete" aria-label=${t.deleteUser(u.displayName)}
                        ?disabled=${u.id === this.me?.userId} @click=${() => this.#openDelete(u)}>${this.common.delete}</button>`
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #input(
    name: string,
    label: string,
    value: string,
    opts: { type?: string; required?: boolean; hint?: string; autocomplete?: string } = {},
  ): TemplateResult {
    const error = this.errorFor(name);
    const hintId = opts.hint ? `${name}-hint` : '';
    const describedBy = [hintId, error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${opts.type ?? 'text'} .value=${value} ?required=${!!opts.required}
        autocomplete=${opts.autocomplete ?? 'off'} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing} />
      ${opts.hint ? html`<span class="hint" id=${hintId}>${opts.hint}</span>` : nothing}
      ${this.fieldError(name, name)}
    </div>`;
  }

  #renderForm(): TemplateResult {
    const t = this.#t;
    const u = this.editing;
    const title = u ? t.editUser(u.displayName) : t.newUser;
    return html`<dialog id="user-form" class="wide" aria-labelledby="user-form-title" @close=${() => this.onDialogClose('user-form')}>
      <h2 id="user-form-title">${title}</h2>
      ${this.renderProblem('user-form')}
      ${keyed(this.formGeneration, this.#renderFields())}
    </dialog>`;
  }

  #renderFields(): TemplateResult {
    const t = this.#t;
    const u = this.editing;
    const role = this.draftRole;
    const grantable = grantableRights(role);
    return html`
      <form @submit=${this.#save} novalidate>
        <div class="grid">
          ${this.#input('firstName', t.firstName, u?.firstName ?? '')}
          ${this.#input('lastName', t.lastName, u?.lastName ?? '')}
          ${this.#input('displayName', t.displayName, u?.displayName ?? '', { hint: t.displayNameHint })}
          ${this.#input('email', t.email, u?.email ?? '', { type: 'email', required: true })}
          ${this.#input('password', u ? t.newPassword : t.password, '', {
            type: 'password',
            required: !u,
            hint: u ? t.newPasswordHint : t.passwordHint,
            autocomplete: 'new-password',
          })}
          <div class="field">
            <label for="role">${t.role}</label>
            <select id="role" name="role" @change=${(e: Event) => {
              this.draftRole = (e.target as HTMLSelectElement).value as Role;
            }}>
              ${ROLES.map((r) => html`<option value=${r} ?selected=${r === role}>${t.roles[r]}</option>`)}
            </select>
            ${this.fieldError('role', 'role')}
          </div>
          ${
            role === 'agent'
              ? html`<div class="field">
                <label for="teamId">${t.team}</label>
                <select id="teamId" name="teamId" required aria-invalid=${this.errorFor('teamId') ? 'true' : 'false'}
                  aria-describedby=${this.errorFor('teamId') ? 'teamId-error' : nothing}>
                  <option value="">${t.chooseTeam}</option>
                  ${this.teams.map((tm) => html`<option value=${tm.id} ?selected=${u?.teamId === tm.id}>${tm.path}</option>`)}
                </select>
                ${this.fieldError('teamId', 'teamId')}
              </div>`
              : nothing
          }
          <div class="field">
            <label for="language">${t.language}</label>
            <select id="language" name="language">
              ${LANGUAGES.map((l) => html`<option value=${l} ?selected=${(u?.language ?? this.language) === l}>${l.toUpperCase()}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="timeZone">${t.timeZone}</label>
            <input id="timeZone" name="timeZone" list="time-zones" .value=${u?.timeZone ?? ''}
              placeholder=${Intl.DateTimeFormat().resolvedOptions().timeZone}
              aria-invalid=${this.errorFor('timeZone') ? 'true' : 'false'} />
            <datalist id="time-zones">${Intl.supportedValuesOf('timeZone').map((z) => html`<option value=${z}></option>`)}</datalist>
            ${this.fieldError('timeZone', 'timeZone')}
          </div>
          ${this.#input('customField', `${t.customField} ${this.common.optional}`, u?.customField ?? '')}
        </div>
        ${
          role === 'team-manager'
            ? html`<fieldset class="field">
              <legend>${t.managedTeams}</legend>
              ${this.teams.map(
                (
                  tm,
                ) => html`<label class="check" style=${styleProps({ 'padding-inline-start': `${tm.depth * 1.25}rem` })}>
                  <input type="checkbox" name="managedTeamIds" value=${tm.id} ?checked=${u?.managedTeamIds.includes(tm.id)} />${tm.name}</label>`,
              )}
              ${this.fieldError('managedTeamIds', 'managedTeamIds')}
            </fieldset>`
            : nothing
        }
        <fieldset class="field">
          <legend>${t.rights}</legend>
          ${
            role === 'company-manager'
              ? html`<p class="hint">${t.companyManagerRights}</p>`
              : grantable.length
                ? grantable.map(
                    (r) => html`<label class="check"><input type="checkbox" name="rights" value=${r}
                    ?checked=${u?.rights.includes(r)} />${t.rightNames[r] ?? r}</label>`,
                  )
                : html`<p class="hint">${t.noRights}</p>`
          }
          ${this.fieldError('rights', 'rights')}
        </fieldset>
        <div class="actions">
          <button type="button" @click=${() => this.closeDialog('user-form')}>${this.common.cancel}</button>
          <button type="submit" class="primary" data-action="save" ?disabled=${this.busy}>
            ${this.busy ? this.common.saving : u ? this.common.save : this.common.create}
          </button>
        </div>
      </form>`;
  }

  #renderDelete(): TemplateResult {
    const u = this.deleting;
    return html`<dialog id="user-delete" role="alertdialog" aria-labelledby="user-delete-title" aria-describedby="user-delete-explain"
      @close=${() => this.onDialogClose('user-delete')}>
      <h2 id="user-delete-title">${this.common.confirmDelete(u?.displayName ?? '')}</h2>
      ${this.renderProblem('user-delete')}
      <p id="user-delete-explain">${this.#t.deleteExplain}</p>
      <div class="actions">
        <button type="button" autofocus @click=${() => this.closeDialog('user-delete')}>${this.common.cancel}</button>
        <button type="button" class="danger" data-action="confirm-delete" ?disabled=${this.busy} @click=${() => this.#delete()}>
          ${this.common.delete}
        </button>
      </div>
    </dialog>`;
  }
}
