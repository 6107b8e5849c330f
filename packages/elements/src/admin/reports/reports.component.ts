import { html, nothing, type TemplateResult } from 'lit';
import { dayOf, dayStart } from '../../shared/days.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import type { Schema } from '../shared/api.js';
import { type Choice, choiceField, portalAndTeamChoices } from '../shared/choice-field.js';
import { type ReportsTerms, reportsTranslations } from './reports-translations.js';

type Report = Schema<'Report'>;
type Kind = Report['kind'];

const KINDS: readonly Kind[] = [
  'portal-performance',
  'agent-performance',
  'service-metrics',
  'customer-feedback',
];
/** Columns that identify a row rather than measure it (ids are not shown). */
const IDS = new Set(['portalId', 'agentId']);

/**
 * @tagname sightline-admin-reports
 * @summary Reports for managers (MC-9): portal and agent performance, service metrics and customer
 * feedback over a period of the last 90 days, by portal and team, as a table or a CSV download.
 *
 * @event {CustomEvent<Problem>} sightline-error - A report failed; the detail is the problem.
 * @csspart form - The report's choices.
 * @csspart table - The report.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-reports></sightline-admin-reports>
 * </sightline-provider>
 */
export class SightlineAdminReports extends AdminElement {
  static override properties = {
    kind: { state: true, attribute: false },
    from: { state: true, attribute: false },
    to: { state: true, attribute: false },
    portal: { state: true, attribute: false },
    team: { state: true, attribute: false },
    portals: { state: true, attribute: false },
    teams: { state: true, attribute: false },
    report: { state: true, attribute: false },
  };
  static override styles = adminStyles;

  private kind: Kind = 'portal-performance';
  private from = dayOf(new Date(Date.now() - 29 * 86_400_000));
  private to = dayOf(new Date());
  private portal = '';
  private team = '';
  private portals: Choice[] = [];
  private teams: Choice[] = [];
  private report: Report | undefined;

  get #t(): ReportsTerms {
    return reportsTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    ({ portals: this.portals, teams: this.teams } = await portalAndTeamChoices(api));
  }

  #query() {
    return {
      from: dayStart(this.from),
      to: dayStart(this.to, 1),
      ...(this.portal ? { portal: this.portal } : {}),
      ...(this.team ? { team: this.team } : {}),
    };
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    void this.run();
  }

  /** Shows the chosen report. */
  async run(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.GET('/v1/reports/{kind}', { params: { path: { kind: this.kind }, query: this.#query() } }),
    );
    if (r) this.report = r.data as Report;
  }

  async #download(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.GET('/v1/reports/{kind}', {
        params: { path: { kind: this.kind }, query: { ...this.#query(), format: 'csv' } },
        parseAs: 'text',
      }),
    );
    if (!r) return;
    const url = URL.createObjectURL(new Blob([r.data as unknown as string], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.kind}-${this.from}-${this.to}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  #cell(column: string, value: string | number | null): string {
    if (value === null) return '–';
    if (column === 'rater') return this.#t.raters[String(value)] ?? String(value);
    if (typeof value === 'number' && column.endsWith('Seconds')) {
      // Sub-minute figures such as the time to the first picture keep a tenth of a second.
      if (value < 10)
        return `${new Intl.NumberFormat(this.language, { maximumFractionDigits: 1 }).format(value)} s`;
      const s = Math.round(value);
      return s >= 3600
        ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`
        : s >= 60
          ? `${Math.floor(s / 60)} min ${s % 60} s`
          : `${s} s`;
    }
    return typeof value === 'number' ? new Intl.NumberFormat(this.language).format(value) : value;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const pick = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
    return html`<section part="base" aria-labelledby="reports-heading" lang=${this.language}>
      <h2 id="reports-heading">${t.heading}</h2>
      <p>${t.intro}</p>
      ${this.problem ? html`<p class="alert" role="alert" tabindex="-1">${this.localize.problem(this.problem)}</p>` : nothing}
      <form part="form" @submit=${this.#submit}>
        <div class="field">
          <label for="kind">${t.kind}</label>
          <select id="kind" @change=${pick((v) => (this.kind = v as Kind))}>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t.kinds[k]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${t.from}</label>
          <input id="from" type="date" .value=${this.from} @input=${pick((v) => (this.from = v))} />
        </div>
        <div class="field">
          <label for="to">${t.to}</label>
          <input id="to" type="date" .value=${this.to} @input=${pick((v) => (this.to = v))} />
        </div>
        ${choiceField({ id: 'portal', label: t.portal, all: t.all, choices: this.portals, value: this.portal, onChange: (v) => (this.portal = v) })}
        ${choiceField({ id: 'team', label: t.team, all: t.all, choices: this.teams, value: this.team, onChange: (v) => (this.team = v) })}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${t.run}</button>
          <button type="button" data-action="csv" ?disabled=${this.busy} @click=${() => this.#download()}>${t.csv}</button>
        </div>
      </form>
      ${this.#table()}
    </section>`;
  }

  #table(): TemplateResult | typeof nothing {
    const report = this.report;
    if (!report) return nothing;
    const t = this.#t;
    const rows = report.rows;
    if (rows.length === 0 || (report.kind === 'service-metrics' && rows[0]?.sessions === 0))
      return html`<p role="status">${t.empty}</p>`;
    const columns = Object.keys(rows[0]!).filter((c) => !IDS.has(c));
    const when = (iso: string) =>
      new Intl.DateTimeFormat(this.language, { dateStyle: 'medium' }).format(new Date(iso));
    return html`<table part="table">
      <caption>${t.caption(t.kinds[report.kind] ?? report.kind, when(report.from), when(new Date(new Date(report.to).getTime() - 1).toISOString()))}</caption>
      <thead><tr>${columns.map((c) => html`<th scope="col">${t.columns[c] ?? c}</th>`)}</tr></thead>
      <tbody>
        ${rows.map((r) => html`<tr>${columns.map((c) => html`<td>${this.#cell(c, r[c] ?? null)}</td>`)}</tr>`)}
      </tbody>
    </table>`;
  }
}
