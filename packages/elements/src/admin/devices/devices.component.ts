import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import { etagOf, type Problem, type Schema } from '../shared/api.js';
import { loadTeams, type TeamOption } from '../shared/teams.js';
import { type DevicesTerms, devicesTranslations } from './devices-translations.js';
import './access-codes.js';

type Device = Schema<'Device'>;
type Portal = Schema<'Portal'>;
type User = Schema<'User'>;
type SummaryAccess = Device['summaryAccess'];
const SUMMARY_ACCESS: readonly SummaryAccess[] = ['after-confirmation', 'allowed', 'denied'];

/**
 * @tagname sightline-admin-devices
 * @summary The organization's devices (VS-1, SI-3, SI-4): create, edit (portal, team, assigned
 * agent, managed-device policy, the device user's AI-summary setting) and delete, each change guarded
 * by the device's ETag; and each device's access codes with their QR codes.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart base - The frame.
 * @csspart table - The device table.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-devices></sightline-admin-devices>
 * </sightline-provider>
 */
export class SightlineAdminDevices extends AdminElement {
  static override properties = {
    devices: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    portals: { state: true, attribute: false },
    teams: { state: true, attribute: false },
    agents: { state: true, attribute: false },
    editing: { state: true, attribute: false },
    managed: { state: true, attribute: false },
    deleting: { state: true, attribute: false },
    codesOf: { state: true, attribute: false },
    generation: { state: true, attribute: false },
  };
  static override styles = adminStyles;

  private devices: Device[] = [];
  private loaded = false;
  private portals: Portal[] = [];
  private teams: TeamOption[] = [];
  private agents: User[] = [];
  private editing: Device | undefined;
  private managed = false;
  private deleting: Device | undefined;
  private codesOf: Device | undefined;
  private generation = 0;
  #etag: string | undefined;

  get #t(): DevicesTerms {
    return devicesTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const [teams, portals, agents] = await Promise.all([
      loadTeams(api),
      api.GET('/v1/portals'),
      api.GET('/v1/users', { params: { query: { role: 'agent', limit: 200 } } }),
    ]);
    if (teams.teams) this.teams = teams.teams;
    if (portals.data) this.portals = portals.data.items;
    if (agents.data) this.agents = agents.data.items;
    const r = await this.call(() => api.GET('/v1/devices'));
    if (!r) return;
    this.devices = r.data.items;
    this.loaded = true;
  }

  async #fetch(id: string): Promise<Device | undefined> {
    const api = this.api;
    if (!api) return undefined;
    const r = await this.call(() => api.GET('/v1/devices/{id}', { params: { path: { id } } }));
    if (!r) {
      if (this.problem?.status === 404) void this.reloadKeeping(this.problem);
      return undefined;
    }
    this.#etag = etagOf(r.response);
    this.generation++;
    return r.data;
  }

  async #openCreate(): Promise<void> {
    this.editing = undefined;
    this.#etag = undefined;
    this.managed = false;
    this.generation++;
    await this.openDialog('device-form');
  }

  async #openEdit(device: Device): Promise<void> {
    const fresh = await this.#fetch(device.id);
    if (!fresh) return;
    this.editing = fresh;
    this.managed = fresh.managed;
    await this.openDialog('device-form');
  }

  async #openDelete(device: Device): Promise<void> {
    const fresh = await this.#fetch(device.id);
    if (!fresh) return;
    this.deleting = fresh;
    await this.openDialog('device-delete');
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
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const body = {
      name: s('name'),
      portalId: s('portalId'),
      teamId: s('teamId') || null,
      assigneeId: s('assigneeId') || null,
      managed: this.managed,
      policy: this.managed
        ? { summaries: f.has('policySummaries'), enforced: f.has('policyEnforced') }
        : null,
      summaryAccess: s('summaryAccess') as SummaryAccess,
    };
    const editing = this.editing;
    const r = editing
      ? await this.call(() =>
          api.PATCH('/v1/devices/{id}', {
            params: { path: { id: editing.id }, header: { 'if-match': this.#etag } },
            body,
          }),
        )
      : await this.call(() => api.POST('/v1/devices', { body }));
    if (!r) {
      if (editing && this.problem?.status === 412) await this.#stale(this.problem, editing.id, 'editing');
      return;
    }
    this.closeDialog('device-form');
    this.changed('devices');
    await this.load();
    this.notice = editing ? this.#t.saved(r.data.name) : this.#t.created(r.data.name);
    if (!editing) {
      // A new device needs a code before a customer can use it: go straight there.
      this.codesOf = r.data;
      await this.openDialog('device-codes');
    }
  }

  async #delete(): Promise<void> {
    const api = this.api;
    const device = this.deleting;
    if (!api || !device) return;
    const r = await this.call(() =>
      api.DELETE('/v1/devices/{id}', {
        params: { path: { id: device.id }, header: { 'if-match': this.#etag } },
      }),
    );
    if (!r && this.problem?.status !== 404) {
      if (this.problem?.status === 412) await this.#stale(this.problem, device.id, 'deleting');
      return;
    }
    this.closeDialog('device-delete');
    this.changed('devices');
    await this.load();
    this.notice = this.#t.deleted(device.name);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <div class="toolbar">
        <h2>${t.heading}</h2>
        <button class="primary grow" data-action="new-device" @click=${() => this.#openCreate()}>${t.newDevice}</button>
      </div>
      <p class="hint">${t.intro}</p>
      ${this.renderProblem()} ${this.renderNotice()}
      ${!this.loaded ? html`<p class="muted">${this.common.loading}</p>` : this.#renderTable()}
      ${this.#renderForm()} ${this.#renderDelete()} ${this.#renderCodes()}
    </div>`;
  }

  #renderTable(): TemplateResult {
    const t = this.#t;
    if (!this.devices.length) return html`<p class="empty">${t.noDevices}</p>`;
    const team = (id: string | null) => (id && this.teams.find((x) => x.id === id)?.path) || this.common.none;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t.device}</th>
            <th scope="col" class="hide-narrow">${t.team}</th>
            <th scope="col" class="hide-narrow">${t.assignee}</th>
            <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.devices.map(
            (d) => html`<tr data-device=${d.id} data-name=${d.name}>
              <th scope="row">${d.name} ${d.managed ? html`<span class="tag">${t.managedTag}</span>` : nothing}<br />
                <span class="muted">${d.portal.name}</span></th>
              <td class="hide-narrow">${team(d.teamId)}</td>
              <td class="hide-narrow">${d.assignee?.displayName ?? this.common.none}</td>
              <td class="actions-cell">
                <button data-action="codes" aria-label=${t.codesOf(d.name)} @click=${() => {
                  this.codesOf = d;
                  void this.openDialog('device-codes');
                }}>${t.accessCodes}</button>
                <button data-action="edit" aria-label=${t.editDevice(d.name)} @click=${() => this.#openEdit(d)}>${this.common.edit}</button>
                <button class="danger" data-action="delete" aria-label=${t.deleteDevice(d.name)} @click=${() => this.#openDelete(d)}>${this.common.delete}</button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #select(
    id: string,
    label: string,
    current: string,
    options: TemplateResult[],
    required = false,
  ): TemplateResult {
    const message = this.errorFor(id);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${id} ?required=${required} aria-invalid=${message ? 'true' : 'false'}
        aria-describedby=${message ? `${id}-error` : nothing} data-current=${current}>${options}</select>
      ${this.fieldError(id, id)}
    </div>`;
  }

  #renderForm(): TemplateResult {
    const t = this.#t;
    const d = this.editing;
    const nameError = this.errorFor('name');
    const opt = (value: string, label: string, current: string | null | undefined) =>
      html`<option value=${value} ?selected=${value === (current ?? '')}>${label}</option>`;
    return html`<dialog id="device-form" class="wide" aria-labelledby="device-form-title" @close=${() => this.onDialogClose('device-form')}>
      <h2 id="device-form-title">${d ? t.editDevice(d.name) : t.newDevice}</h2>
      ${this.renderProblem('device-form')}
      ${keyed(
        this.generation,
        html`<form @submit=${this.#save} novalidate>
          <div class="grid">
            <div class="field">
              <label for="device-name">${this.common.name}</label>
              <input id="device-name" name="name" required maxlength="200" .value=${d?.name ?? ''}
                aria-invalid=${nameError ? 'true' : 'false'} aria-describedby=${nameError ? 'name-error' : nothing} />
              ${this.fieldError('name', 'name')}
            </div>
            ${this.#select(
              'portalId',
              t.portal,
              d?.portal.id ?? '',
              [
                opt('', t.choosePortal, d?.portal.id),
                ...this.portals.map((p) => opt(p.id, p.name, d?.portal.id)),
              ],
              true,
            )}
            ${this.#select('teamId', t.team, d?.teamId ?? '', [
              opt('', t.noTeam, d?.teamId),
              ...this.teams.map((x) => opt(x.id, x.path, d?.teamId)),
            ])}
            ${this.#select('assigneeId', t.assignee, d?.assigneeId ?? '', [
              opt('', t.noAssignee, d?.assigneeId),
              ...this.agents.map((a) => opt(a.id, a.displayName, d?.assigneeId)),
            ])}
            ${this.#select(
              'summaryAccess',
              t.summaryAccess,
              d?.summaryAccess ?? 'after-confirmation',
              SUMMARY_ACCESS.map((v) =>
                opt(v, t.summaryAccessValues[v] ?? v, d?.summaryAccess ?? 'after-confirmation'),
              ),
            )}
          </div>
          <label class="check field"><input type="checkbox" name="managed" .checked=${this.managed}
            @change=${(e: Event) => (this.managed = (e.target as HTMLInputElement).checked)} />${t.managed}</label>
          ${
            this.managed
              ? html`<fieldset class="field">
                <legend>${t.policy}</legend>
                <label class="check"><input type="checkbox" name="policySummaries" ?checked=${d?.policy?.summaries} />${t.policySummaries}</label>
                <label class="check"><input type="checkbox" name="policyEnforced" ?checked=${d?.policy?.enforced} />${t.policyEnforced}</label>
                ${this.fieldError('policy', 'policy')}
              </fieldset>`
              : nothing
          }
          <div class="actions">
            <button type="button" @click=${() => this.closeDialog('device-form')}>${this.common.cancel}</button>
            <button type="submit" class="primary" data-action="save" ?disabled=${this.busy}>${d ? this.common.save : this.common.create}</button>
          </div>
        </form>`,
      )}
    </dialog>`;
  }

  #renderDelete(): TemplateResult {
    const d = this.deleting;
    return html`<dialog id="device-delete" role="alertdialog" aria-labelledby="device-delete-title"
      aria-describedby="device-delete-explain" @close=${() => this.onDialogClose('device-delete')}>
      <h2 id="device-delete-title">${this.common.confirmDelete(d?.name ?? '')}</h2>
      ${this.renderProblem('device-delete')}
      <p id="device-delete-explain">${this.#t.deleteExplain}</p>
      <div class="actions">
        <button type="button" autofocus @click=${() => this.closeDialog('device-delete')}>${this.common.cancel}</button>
        <button type="button" class="danger" data-action="confirm-delete" ?disabled=${this.busy} @click=${() => this.#delete()}>${this.common.delete}</button>
      </div>
    </dialog>`;
  }

  #renderCodes(): TemplateResult {
    const d = this.codesOf;
    return html`<dialog id="device-codes" class="wide" aria-labelledby="device-codes-title" @close=${() => this.onDialogClose('device-codes')}>
      <h2 id="device-codes-title">${d ? this.#t.codesOf(d.name) : ''}</h2>
      ${
        d && this.dialog === 'device-codes'
          ? html`<sightline-admin-access-codes device-id=${d.id} .sightline=${this.sdk}></sightline-admin-access-codes>`
          : nothing
      }
      <div class="actions">
        <button type="button" @click=${() => this.closeDialog('device-codes')}>${this.common.close}</button>
      </div>
    </dialog>`;
  }
}
