import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleProps } from '../../shared/style-props.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import { etagOf, type Problem, type Schema } from '../shared/api.js';
import { type FeatureTerms, featureTranslations } from '../shared/feature-translations.js';
import { type TeamsTerms, teamsTranslations } from './teams-translations.js';

type TeamSettings = Schema<'TeamSettings'>;
type Values = Schema<'SettingValues'>;
type Key = keyof Values;
const KEYS: readonly Key[] = [
  'recording',
  'screenshots',
  'drawing',
  'markers',
  'mirror',
  'chat',
  'logSessions',
];
type Choice = 'inherit' | 'on' | 'off';
const CHOICES: readonly Choice[] = ['inherit', 'on', 'off'];

const choiceOf = (v: boolean | null): Choice => (v === null ? 'inherit' : v ? 'on' : 'off');
const settingOf = (c: Choice): boolean | null => (c === 'inherit' ? null : c === 'on');

/**
 * @tagname sightline-admin-team-settings
 * @summary A team's settings for its agents (MC-5, SI-6): each feature switch and "log sessions"
 * set on, off or inherited from the team above, with what is in effect and where it comes from;
 * saved with the settings' ETag. The portal's modes apply on top (a portal's "off" wins).
 *
 * @event {CustomEvent<Problem>} sightline-error - Saving failed; the detail is the problem.
 * @event {CustomEvent<AdminChangeDetail>} sightline-admin-change - The settings were saved.
 * @csspart base - The frame.
 *
 * @example
 * <sightline-admin-team-settings team-id="team_field"></sightline-admin-team-settings>
 */
export class SightlineAdminTeamSettings extends AdminElement {
  static override properties = {
    teamId: { attribute: 'team-id' },
    current: { state: true, attribute: false },
    draft: { state: true, attribute: false },
    teamNames: { state: true, attribute: false },
  };
  static override styles = [
    adminStyles,
    css`
      .choice {
        display: inline-flex;
        gap: 0.9rem;
        flex-wrap: wrap;
      }
      td.effective {
        color: var(--sightline-color-muted);
      }
    `,
  ];

  /** The team whose settings are shown. */
  teamId = '';

  private current: TeamSettings | undefined;
  private draft: Values | undefined;
  private teamNames = new Map<string, string>();
  #etag: string | undefined;

  get #t(): TeamsTerms {
    return teamsTranslations[this.language];
  }

  get #ft(): FeatureTerms {
    return featureTranslations[this.language];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('teamId') && changed.get('teamId') !== undefined) void this.load();
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    const id = this.teamId;
    if (!api || !id) return;
    const [r, teams] = await Promise.all([
      this.call(() => api.GET('/v1/teams/{id}/settings', { params: { path: { id } } })),
      api.GET('/v1/teams'),
    ]);
    if (teams.data) this.teamNames = new Map(teams.data.items.map((t) => [t.id, t.name]));
    if (!r || id !== this.teamId) return;
    this.current = r.data;
    this.draft = { ...r.data.settings };
    this.#etag = etagOf(r.response);
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    const draft = this.draft;
    if (!api || !draft) return;
    const r = await this.call(() =>
      api.PUT('/v1/teams/{id}/settings', {
        params: { path: { id: this.teamId }, header: { 'if-match': this.#etag } },
        body: { settings: draft },
      }),
    );
    if (!r) {
      if (this.problem?.status === 412) {
        const stale: Problem = this.problem;
        await this.load();
        this.problem = stale;
      }
      return;
    }
    this.current = r.data;
    this.draft = { ...r.data.settings };
    this.#etag = etagOf(r.response) ?? this.#etag;
    this.notice = this.#t.settingsSaved;
    this.changed('settings');
  }

  #effective(key: Key): string {
    const e = this.current?.effective[key];
    if (!e) return '';
    const ft = this.#ft;
    const value = e.value ? ft.on : ft.off;
    const from =
      e.source === 'team' && e.teamId
        ? ft.teamSource(this.teamNames.get(e.teamId) ?? e.teamId)
        : e.source === 'agent'
          ? ft.ownSource
          : ft.defaultSource;
    return ft.inherited(value, from);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const ft = this.#ft;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    const draft = this.draft;
    return html`<div part="base">
      <p class="hint">${t.settingsIntro}</p>
      ${this.renderProblem()} ${this.renderNotice()}
      ${
        !draft
          ? this.problem
            ? nothing
            : html`<p class="muted">${this.common.loading}</p>`
          : html`<form @submit=${this.#save}>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.settings}</th>
                    <th scope="col"><span class="visually-hidden">${t.settings}</span></th>
                    <th scope="col" class="hide-narrow">${t.effective}</th>
                  </tr>
                </thead>
                <tbody>
                  ${KEYS.map(
                    (key) => html`<tr data-setting=${key}>
                      <th scope="row" id="setting-${key}">${ft.features[key] ?? key}</th>
                      <td>
                        <span class="choice" role="radiogroup" aria-labelledby="setting-${key}">
                          ${CHOICES.map(
                            (c) => html`<label class="check"><input type="radio" name=${key} value=${c}
                              .checked=${choiceOf(draft[key]) === c}
                              @change=${() => (this.draft = { ...draft, [key]: settingOf(c) })} />${c === 'inherit' ? ft.inherit : c === 'on' ? ft.on : ft.off}</label>`,
                          )}
                        </span>
                      </td>
                      <td class="effective hide-narrow">${this.#effective(key)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <div class="actions" style=${styleProps({ 'margin-top': '1rem' })}>
              <button type="submit" class="primary" data-action="save-settings" ?disabled=${this.busy}>
                ${this.busy ? this.common.saving : this.common.save}
              </button>
            </div>
          </form>`
      }
    </div>`;
  }
}
