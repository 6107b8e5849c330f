import { html, nothing, type TemplateResult } from 'lit';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import type { Schema } from '../shared/api.js';
import { reportsTranslations } from './reports-translations.js';
import { type SavedReportsTerms, savedReportsTranslations } from './saved-reports-translations.js';

type Saved = Schema<'SavedReport'>;
type Monthly = Schema<'MonthlyReportEntry'>;
type Kind = Saved['kind'];

const KINDS: readonly Kind[] = [
  'portal-performance',
  'agent-performance',
  'service-metrics',
  'customer-feedback',
];
const PERIODS = ['last-7-days', 'last-30-days', 'previous-month'] as const;
const SCHEDULES = ['none', 'daily', 'weekly', 'monthly'] as const;

/** Offers text as a file download. */
function download(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * @tagname sightline-admin-saved-reports
 * @summary Saved, scheduled and monthly reports (MC-9): save a report over a moving period, have it
 * emailed as CSV daily, weekly or monthly, run or delete it; company managers also download the
 * monthly reports of the last year.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart form - The form that saves a report.
 * @csspart list - The saved reports.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-saved-reports></sightline-admin-saved-reports>
 * </sightline-provider>
 */
export class SightlineAdminSavedReports extends AdminElement {
  static override properties = {
    saved: { state: true, attribute: false },
    monthly: { state: true, attribute: false },
  };
  static override styles = adminStyles;

  private saved: Saved[] = [];
  private monthly: Monthly[] | undefined;

  get #t(): SavedReportsTerms {
    return savedReportsTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const list = await this.call(() => api.GET('/v1/reports/saved'));
    if (list) this.saved = list.data.items;
    // Monthly reports are the company managers'; anyone else has none to see.
    const monthly = await api.GET('/v1/reports/monthly');
    this.monthly = monthly.data?.items;
  }

  async #save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const api = this.api;
    const form = e.target as HTMLFormElement;
    if (!api) return;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '');
    const recipients = String(data.get('recipients') ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const r = await this.call(() =>
      api.POST('/v1/reports/saved', {
        body: {
          name,
          kind: String(data.get('kind')) as Kind,
          period: String(data.get('period')) as Saved['period'],
          schedule: String(data.get('schedule')) as Saved['schedule'],
          format: 'csv',
          recipients,
        },
      }),
    );
    if (!r) return;
    form.reset();
    await this.load();
    this.notice = this.#t.saved(r.data.name);
  }

  async #run(report: Saved): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.GET('/v1/reports/saved/{id}/run', {
        params: { path: { id: report.id }, query: { format: 'csv' } },
        parseAs: 'text',
      }),
    );
    if (r) download(r.data as unknown as string, `${report.name}.csv`);
  }

  async #remove(report: Saved): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.DELETE('/v1/reports/saved/{id}', { params: { path: { id: report.id } } }),
    );
    if (r === undefined) return;
    await this.load();
    this.notice = this.#t.removed(report.name);
  }

  async #downloadMonthly(report: Monthly): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.GET('/v1/reports/monthly/{id}', {
        params: { path: { id: report.id }, query: { format: 'csv' } },
        parseAs: 'text',
      }),
    );
    if (r) download(r.data as unknown as string, `${report.kind}-${report.month}.csv`);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const kinds = reportsTranslations[this.language].kinds;
    const when = (iso: string | null) =>
      iso
        ? new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
            new Date(iso),
          )
        : '–';
    return html`<section part="base" aria-labelledby="saved-heading" lang=${this.language}>
      <h2 id="saved-heading">${t.heading}</h2>
      <p>${t.intro}</p>
      ${this.problem ? html`<p class="alert" role="alert" tabindex="-1">${this.localize.problem(this.problem)}</p>` : nothing}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      <form part="form" @submit=${(e: SubmitEvent) => void this.#save(e)}>
        <div class="field">
          <label for="saved-name">${t.name}</label>
          <input id="saved-name" name="name" required maxlength="120" />
          ${this.fieldError('saved-name', 'json.name')}
        </div>
        <div class="field">
          <label for="saved-kind">${t.kind}</label>
          <select id="saved-kind" name="kind">${KINDS.map((k) => html`<option value=${k}>${kinds[k]}</option>`)}</select>
        </div>
        <div class="field">
          <label for="saved-period">${t.period}</label>
          <select id="saved-period" name="period">${PERIODS.map((p) => html`<option value=${p}>${t.periods[p]}</option>`)}</select>
        </div>
        <div class="field">
          <label for="saved-schedule">${t.schedule}</label>
          <select id="saved-schedule" name="schedule">${SCHEDULES.map((s) => html`<option value=${s}>${t.schedules[s]}</option>`)}</select>
        </div>
        <div class="field">
          <label for="saved-recipients">${t.recipients}</label>
          <input id="saved-recipients" name="recipients" type="text" autocomplete="off" />
          ${this.fieldError('saved-recipients', 'json.recipients')}
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${t.save}</button></div>
      </form>
      ${
        this.saved.length === 0
          ? html`<p>${t.none}</p>`
          : html`<table part="list">
              <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.kind}</th><th scope="col">${t.period}</th>
                <th scope="col">${t.schedule}</th><th scope="col">${t.nextRun}</th><th scope="col"><span class="visually-hidden">${t.download}</span></th></tr></thead>
              <tbody>
                ${this.saved.map(
                  (s) => html`<tr data-id=${s.id}>
                    <td>${s.name}</td><td>${kinds[s.kind] ?? s.kind}</td><td>${t.periods[s.period] ?? s.period}</td>
                    <td>${t.schedules[s.schedule] ?? s.schedule}${s.recipients.length ? html` (${s.recipients.join(', ')})` : nothing}</td>
                    <td>${when(s.nextRunAt)}</td>
                    <td class="actions">
                      <button type="button" data-action="run" ?disabled=${this.busy} @click=${() => void this.#run(s)}>${t.download}</button>
                      <button type="button" data-action="delete" ?disabled=${this.busy} @click=${() => void this.#remove(s)}>${t.remove}</button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${this.monthly === undefined ? nothing : this.#monthly(t, kinds)}
    </section>`;
  }

  #monthly(t: SavedReportsTerms, kinds: Record<string, string>): TemplateResult {
    const list = this.monthly ?? [];
    return html`<h3>${t.monthly}</h3>
      <p>${t.monthlyIntro}</p>
      ${
        list.length === 0
          ? html`<p>${t.noMonthly}</p>`
          : html`<ul class="monthly">
              ${list.map(
                (m) => html`<li>
                  <span>${m.month} · ${kinds[m.kind] ?? m.kind}</span>
                  <button type="button" data-action="monthly" ?disabled=${this.busy} @click=${() => void this.#downloadMonthly(m)}>${t.download}</button>
                </li>`,
              )}
            </ul>`
      }`;
  }
}
