import { css, html, nothing, type TemplateResult } from 'lit';
import { styleProps } from '../../shared/style-props.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import { idempotencyKey, type Schema } from '../shared/api.js';
import { type UsersTerms, usersTranslations } from './users-translations.js';

type ImportResult = Schema<'UserImportResult'>;
type RowError = Schema<'UserImportProblem'>['errors'][number];

/**
 * @tagname sightline-admin-user-import
 * @summary Adds agents in bulk from CSV (MC-4): pick a file or paste the text, check it (dry run) or
 * import it. When any row is wrong nothing is imported, and every wrong row is listed with its line
 * and reason.
 *
 * @event {CustomEvent<Problem>} sightline-error - The import failed; the detail is the problem.
 * @event {CustomEvent<AdminChangeDetail>} sightline-admin-change - Users (and perhaps teams) were imported.
 * @csspart base - The frame.
 * @csspart errors - The table of wrong rows.
 * @csspart result - What was (or would be) imported.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-user-import></sightline-admin-user-import>
 * </sightline-provider>
 */
export class SightlineAdminUserImport extends AdminElement {
  static override properties = {
    file: { state: true, attribute: false },
    text: { state: true, attribute: false },
    rowErrors: { state: true, attribute: false },
    result: { state: true, attribute: false },
    missingInput: { state: true, attribute: false },
  };
  static override styles = [
    adminStyles,
    css`
      textarea {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 0.9rem;
        min-height: 7rem;
      }
      .errors th,
      .errors td {
        vertical-align: top;
      }
    `,
  ];

  private file: File | undefined;
  private text = '';
  private rowErrors: RowError[] = [];
  private result: ImportResult | undefined;
  private missingInput = false;

  get #t(): UsersTerms {
    return usersTranslations[this.language];
  }

  async #run(dryRun: boolean): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.rowErrors = [];
    this.result = undefined;
    // The file's own bytes go as they are (the server checks they are UTF-8, with or without BOM).
    const body: Blob | string | undefined = this.file ?? (this.text.trim() ? this.text : undefined);
    this.missingInput = !body;
    if (!body) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#csv-file')?.focus();
      return;
    }
    const r = await this.call(() =>
      api.POST('/v1/users/import', {
        params: {
          query: { dryRun: dryRun ? 'true' : 'false' },
          ...(dryRun ? {} : { header: { 'idempotency-key': idempotencyKey() } }),
        },
        body: body as unknown as string,
        bodySerializer: (b: unknown) => b as string,
        headers: { 'content-type': 'text/csv' },
      }),
    );
    if (!r) {
      const errors = (this.problem as { errors?: Partial<RowError>[] } | undefined)?.errors ?? [];
      this.rowErrors = errors
        .filter((e): e is RowError => typeof e.line === 'number')
        .sort((a, b) => a.line - b.line);
      if (this.rowErrors.length) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[part="errors"] caption')?.focus();
      }
      return;
    }
    this.result = r.data;
    if (!dryRun) {
      this.changed('users');
      if (r.data.teams.length) this.changed('teams');
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="result"]')?.focus();
  }

  #pick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file = input.files?.[0];
    this.missingInput = false;
  }

  #clearFile(): void {
    this.file = undefined;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#csv-file');
    if (input) input.value = '';
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return html`<div part="base">${this.renderSignedOut()}</div>`;
    return html`<div part="base">
      <h2>${t.importHeading}</h2>
      <p class="hint" id="import-intro">${t.importIntro}</p>
      <div class="field">
        <label for="csv-file">${t.file}</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" @change=${this.#pick}
          aria-invalid=${this.missingInput ? 'true' : 'false'} aria-describedby=${this.missingInput ? 'csv-missing' : nothing} />
        ${
          this.file
            ? html`<span class="hint">${this.file.name} (${Math.ceil(this.file.size / 1024)} KiB)
              <button type="button" class="danger" @click=${() => this.#clearFile()}>${this.common.delete}</button></span>`
            : nothing
        }
      </div>
      <div class="field">
        <label for="csv-text">${t.paste}</label>
        <textarea id="csv-text" spellcheck="false" ?disabled=${!!this.file} .value=${this.text}
          placeholder="parent team,team,user id,first name,last name,password,screen name,custom field"
          @input=${(e: Event) => {
            this.text = (e.target as HTMLTextAreaElement).value;
            this.missingInput = false;
          }}></textarea>
      </div>
      ${this.missingInput ? html`<p class="error" id="csv-missing" role="alert">${t.noInput}</p>` : nothing}
      <div class="actions">
        <button type="button" data-action="check" ?disabled=${this.busy} @click=${() => this.#run(true)}>${t.runCheck}</button>
        <button type="button" class="primary" data-action="import" ?disabled=${this.busy} @click=${() => this.#run(false)}>
          ${this.busy ? t.importing : t.runImport}
        </button>
      </div>
      <div aria-live="polite">${this.#renderOutcome()}</div>
    </div>`;
  }

  #renderOutcome(): TemplateResult | typeof nothing {
    const t = this.#t;
    if (this.rowErrors.length) {
      return html`<div class="table-wrap" style=${styleProps({ 'margin-top': '1rem' })}>
        <table part="errors" class="errors" data-count=${this.rowErrors.length}>
          <caption tabindex="-1" class="alert" style=${styleProps({ 'text-align': 'start', margin: '0', 'border-radius': '0', 'border-width': '0 0 1px' })}>
            <strong>${t.importErrors(new Set(this.rowErrors.map((e) => e.line)).size)}</strong>
          </caption>
          <thead><tr><th scope="col">${t.line}</th><th scope="col">${t.reason}</th></tr></thead>
          <tbody>
            ${this.rowErrors.map(
              (e) =>
                html`<tr data-line=${e.line}><th scope="row">${e.line}</th><td>${e.field ? html`<code>${e.field}</code>: ` : nothing}${e.message}</td></tr>`,
            )}
          </tbody>
        </table>
      </div>`;
    }
    if (this.problem)
      return html`<div style=${styleProps({ 'margin-top': '1rem' })}>${this.renderProblem()}</div>`;
    const r = this.result;
    if (!r) return nothing;
    return html`<div part="result" class="field" tabindex="-1" style=${styleProps({ 'margin-top': '1rem' })} data-dry-run=${r.dryRun}>
      <p class="notice">${r.dryRun ? t.checkDone(r.users.length, r.teams.length) : t.importDone(r.users.length, r.teams.length)}</p>
      ${
        r.users.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
            <table>
              <thead><tr><th scope="col">${t.line}</th><th scope="col">${t.email}</th></tr></thead>
              <tbody>${r.users.map((u) => html`<tr><td>${u.line}</td><td>${u.email}</td></tr>`)}</tbody>
            </table>
          </div>`
          : nothing
      }
    </div>`;
  }
}
