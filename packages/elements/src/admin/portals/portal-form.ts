import { html, nothing, type TemplateResult } from 'lit';
import { styleProps } from '../../shared/style-props.js';
import type { FeatureTerms } from '../shared/feature-translations.js';
import type { TeamOption } from '../shared/teams.js';
import {
  DAYS,
  type Day,
  FEATURES,
  type FeatureMode,
  type Interval,
  MODES,
  officeHours,
  type PortalDraft,
} from './portal-draft.js';
import type { PortalsTerms } from './portals-translations.js';

/** What the portal form needs from its element. */
export interface PortalFormContext {
  draft: PortalDraft;
  teams: readonly TeamOption[];
  t: PortalsTerms;
  ft: FeatureTerms;
  optional: string;
  nameLabel: string;
  /** The first problem message for a field path (or one below it). */
  errorFor(...paths: string[]): string | undefined;
  /** Applies a change to the draft and re-renders. */
  change(fn: (d: PortalDraft) => void): void;
}

const value = (e: Event) => (e.target as HTMLInputElement).value;
const invalid = (message: string | undefined) => (message ? 'true' : 'false');
const error = (id: string, message: string | undefined) =>
  message ? html`<p class="error" id="${id}-error">${message}</p>` : nothing;
const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || nothing;

function text(
  c: PortalFormContext,
  id: string,
  label: string,
  current: string,
  set: (d: PortalDraft, v: string) => void,
  opts: { type?: string; hint?: string; required?: boolean; list?: string } = {},
): TemplateResult {
  const message = c.errorFor(id);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} type=${opts.type ?? 'text'} .value=${current} ?required=${!!opts.required} list=${opts.list ?? nothing}
      aria-invalid=${invalid(message)} aria-describedby=${describedBy(opts.hint && `${id}-hint`, message && `${id}-error`)}
      @input=${(e: Event) => c.change((d) => set(d, value(e)))} />
    ${opts.hint ? html`<span class="hint" id="${id}-hint">${opts.hint}</span>` : nothing} ${error(id, message)}
  </div>`;
}

/** The whole portal form: general, sub-portals, teams, features, hours, holidays. */
export function renderPortalForm(c: PortalFormContext): TemplateResult {
  const { draft: d, t } = c;
  return html`
    <h3>${t.general}</h3>
    <div class="grid">
      ${text(c, 'name', c.nameLabel, d.name, (x, v) => (x.name = v), { required: true })}
      ${text(c, 'slug', t.slug, d.slug, (x, v) => (x.slug = v), { hint: t.slugHint })}
      ${text(
        c,
        'reportEmail',
        `${t.reportEmail} ${c.optional}`,
        d.reportEmail,
        (x, v) => (x.reportEmail = v),
        {
          type: 'email',
          hint: t.reportEmailHint,
        },
      )}
      ${text(c, 'timeZone', t.timeZone, d.timeZone, (x, v) => (x.timeZone = v), { list: 'portal-time-zones' })}
    </div>
    <datalist id="portal-time-zones">${Intl.supportedValuesOf('timeZone').map((z) => html`<option value=${z}></option>`)}</datalist>
    <label class="check field"><input type="checkbox" .checked=${d.localRecordingsOnly}
      @change=${(e: Event) => c.change((x) => (x.localRecordingsOnly = (e.target as HTMLInputElement).checked))} />${t.localRecordingsOnly}</label>
    ${renderSubPortals(c)} ${renderTeams(c)} ${renderFeatures(c)} ${renderHours(c)} ${renderHolidays(c)}`;
}

function renderSubPortals(c: PortalFormContext): TemplateResult {
  const { draft: d, t } = c;
  return html`<fieldset class="field" data-part="sub-portals">
    <legend>${t.subPortals}</legend>
    ${error('subPortals', c.errorFor('subPortals') && !d.subPortals.length ? c.errorFor('subPortals') : undefined)}
    ${d.subPortals.map((s, i) => {
      const n = i + 1;
      const nameError = c.errorFor(`subPortals.${i}.name`);
      const slugError = c.errorFor(`subPortals.${i}.slug`);
      return html`<div class="toolbar" style=${styleProps({ 'align-items': 'start' })}>
        <div style=${styleProps({ flex: '1 1 10rem' })}>
          <input aria-label=${t.subPortalName(n)} .value=${s.name} aria-invalid=${invalid(nameError)}
            aria-describedby=${describedBy(nameError && `sp-name-${i}-error`)}
            @input=${(e: Event) => c.change((x) => (x.subPortals[i]!.name = value(e)))} />
          ${error(`sp-name-${i}`, nameError)}
        </div>
        <div style=${styleProps({ flex: '1 1 8rem' })}>
          <input aria-label=${t.subPortalSlug(n)} .value=${s.slug} aria-invalid=${invalid(slugError)}
            aria-describedby=${describedBy(slugError && `sp-slug-${i}-error`)}
            @input=${(e: Event) => c.change((x) => (x.subPortals[i]!.slug = value(e)))} />
          ${error(`sp-slug-${i}`, slugError)}
        </div>
        <button type="button" class="danger" aria-label=${t.removeSubPortal(n)} ?disabled=${d.subPortals.length === 1}
          @click=${() => c.change((x) => x.subPortals.splice(i, 1))}>×</button>
      </div>`;
    })}
    <p><button type="button" @click=${() => c.change((x) => x.subPortals.push({ name: '', slug: '' }))}>${t.addSubPortal}</button></p>
  </fieldset>`;
}

function renderTeams(c: PortalFormContext): TemplateResult {
  const { draft: d, t } = c;
  const toggle = (id: string, on: boolean) =>
    c.change((x) => {
      x.teamIds = on ? [...x.teamIds.filter((y) => y !== id), id] : x.teamIds.filter((y) => y !== id);
    });
  return html`<fieldset class="field" data-part="teams" aria-describedby="teams-hint">
    <legend>${t.teams}</legend>
    <span class="hint" id="teams-hint">${t.teamsHint}</span>
    ${c.teams.map(
      (
        tm,
      ) => html`<label class="check" style=${styleProps({ 'padding-inline-start': `${tm.depth * 1.25}rem` })}>
        <input type="checkbox" name="teamIds" value=${tm.id} .checked=${d.teamIds.includes(tm.id)}
          @change=${(e: Event) => toggle(tm.id, (e.target as HTMLInputElement).checked)} />${tm.name}</label>`,
    )}
    ${error('teamIds', c.errorFor('teamIds'))}
  </fieldset>`;
}

function renderFeatures(c: PortalFormContext): TemplateResult {
  const { draft: d, ft } = c;
  return html`<h3>${c.t.features}</h3>
    <div class="features" data-part="features">
      ${FEATURES.map((f) => {
        const message = c.errorFor(`features.${f}`);
        return html`<div class="feature" role="radiogroup" aria-labelledby="feature-${f}" data-feature=${f}
          aria-describedby=${describedBy(message && `feature-${f}-error`)}>
          <span id="feature-${f}" class="feature-name">${ft.features[f]}</span>
          <span class="segmented">
            ${MODES.map(
              (m: FeatureMode) => html`<label title=${ft.modeHelp[m] ?? ''}>
                <input type="radio" name="feature-${f}" value=${m} .checked=${d.features[f] === m}
                  @change=${() => c.change((x) => (x.features[f] = m))} /><span>${ft.modes[m]}</span></label>`,
            )}
          </span>
          ${error(`feature-${f}`, message)}
        </div>`;
      })}
    </div>
    <p class="hint">${MODES.map((m) => html`<strong>${ft.modes[m]}</strong>: ${ft.modeHelp[m]} `)}</p>`;
}

function renderHours(c: PortalFormContext): TemplateResult {
  const { draft: d, t } = c;
  const hours = d.businessHours;
  return html`<h3>${t.businessHours}</h3>
    <label class="check field"><input type="checkbox" data-field="around-the-clock" .checked=${hours === null}
      @change=${(e: Event) =>
        c.change(
          (x) => (x.businessHours = (e.target as HTMLInputElement).checked ? null : officeHours()),
        )} />${t.aroundTheClock}</label>
    ${
      hours
        ? html`<div class="hours" data-part="hours">${DAYS.map((day) => renderDay(c, day, hours[day]))}</div>`
        : nothing
    }
    ${error('businessHours', hours ? undefined : c.errorFor('businessHours'))}
    <fieldset class="field">
      <legend>${t.outsideHours}</legend>
      ${(['refuse', 'queue'] as const).map(
        (
          o,
        ) => html`<label class="check"><input type="radio" name="outsideHours" value=${o} .checked=${d.outsideHours === o}
          @change=${() => c.change((x) => (x.outsideHours = o))} />${t[o]}</label>`,
      )}
    </fieldset>`;
}

function renderDay(c: PortalFormContext, day: Day, intervals: readonly Interval[]): TemplateResult {
  const { t } = c;
  const dayName = t.days[day] ?? day;
  const set = (i: number, key: 'start' | 'end', v: string) =>
    c.change((x) => {
      const list = x.businessHours?.[day];
      if (list?.[i]) list[i] = { ...list[i]!, [key]: v };
    });
  return html`<div class="day" role="group" aria-labelledby="day-${day}" data-day=${day}>
    <span id="day-${day}" class="day-name">${dayName}</span>
    <div class="intervals">
      ${intervals.length ? nothing : html`<span class="muted">${t.closed}</span>`}
      ${intervals.map((iv, i) => {
        const message = c.errorFor(`businessHours.${day}.${i}`, `businessHours.${day}`);
        return html`<span class="interval">
          <input type="time" aria-label="${dayName}: ${t.from} (${i + 1})" .value=${iv.start} aria-invalid=${invalid(message)}
            @change=${(e: Event) => set(i, 'start', value(e))} />
          <span aria-hidden="true">–</span>
          <input type="time" aria-label="${dayName}: ${t.until} (${i + 1})" .value=${iv.end === '24:00' ? '23:59' : iv.end}
            aria-invalid=${invalid(message)} @change=${(e: Event) => set(i, 'end', value(e) === '23:59' ? '24:00' : value(e))} />
          <button type="button" class="danger icon" aria-label=${t.removeHours(dayName, i + 1)}
            @click=${() => c.change((x) => x.businessHours?.[day].splice(i, 1))}>×</button>
          ${message ? html`<span class="error">${message}</span>` : nothing}
        </span>`;
      })}
      <button type="button" class="icon" aria-label=${t.addHours(dayName)}
        @click=${() => c.change((x) => x.businessHours?.[day].push({ start: '09:00', end: '17:00' }))}>+</button>
    </div>
  </div>`;
}

function renderHolidays(c: PortalFormContext): TemplateResult {
  const { draft: d, t } = c;
  const add = (e: Event) => {
    const input = (e.target as HTMLElement).closest('.toolbar')?.querySelector('input');
    const date = input?.value;
    if (date && !d.holidays.includes(date)) c.change((x) => x.holidays.push(date));
    if (input) input.value = '';
  };
  return html`<fieldset class="field" data-part="holidays" aria-describedby="holidays-hint">
    <legend>${t.holidays}</legend>
    <span class="hint" id="holidays-hint">${t.holidaysHint}</span>
    ${
      d.holidays.length
        ? html`<ul class="holidays">${[...d.holidays].sort().map(
            (h) => html`<li><time datetime=${h}>${h}</time>
            <button type="button" class="danger icon" aria-label=${t.removeHoliday(h)}
              @click=${() => c.change((x) => (x.holidays = x.holidays.filter((y) => y !== h)))}>×</button></li>`,
          )}</ul>`
        : html`<p class="muted">${t.noHolidays}</p>`
    }
    <div class="toolbar">
      <label for="holiday">${t.holiday}</label>
      <input id="holiday" type="date" style=${styleProps({ width: 'auto' })} />
      <button type="button" @click=${add}>${t.addHoliday}</button>
    </div>
    ${error('holidays', c.errorFor('holidays'))}
  </fieldset>`;
}
