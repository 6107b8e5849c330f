import { html, nothing, type TemplateResult } from 'lit';
import { dayOf, dayStart } from '../../shared/days.js';
import type { Problem } from '../../shared/sdk.js';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import { type Choice, choiceField, portalAndTeamChoices } from '../shared/choice-field.js';
import { type RecordingExportTerms, recordingExportTranslations } from './recording-export-translations.js';

type SaveFilePicker = (options: unknown) => Promise<FileSystemFileHandle>;

const megabytes = (bytes: number, language: string) =>
  new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(bytes / 1_000_000);

/**
 * @tagname sightline-admin-recording-export
 * @summary Exports recordings as one ZIP with a manifest (MC-11), filtered by the day range they were
 * made in, portal and team; the server decides what the signed-in user may export (company managers
 * all, team managers their teams' sessions, agents their own). Where the browser offers a save dialog
 * (File System Access) the ZIP streams straight into the chosen file; elsewhere it is downloaded.
 *
 * @event {CustomEvent<Problem>} sightline-error - The export failed; the detail is the problem.
 * @csspart form - The filters and the export button.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-admin-recording-export></sightline-admin-recording-export>
 * </sightline-provider>
 */
export class SightlineAdminRecordingExport extends AdminElement {
  static override properties = {
    from: { state: true, attribute: false },
    to: { state: true, attribute: false },
    portal: { state: true, attribute: false },
    team: { state: true, attribute: false },
    portals: { state: true, attribute: false },
    teams: { state: true, attribute: false },
    rangeError: { state: true, attribute: false },
    written: { state: true, attribute: false },
  };
  static override styles = adminStyles;

  private from = dayOf(new Date(Date.now() - 29 * 86_400_000));
  private to = dayOf(new Date());
  private portal = '';
  private team = '';
  private portals: Choice[] = [];
  private teams: Choice[] = [];
  private rangeError = false;
  /** Bytes of the ZIP written so far, while exporting. */
  private written: number | undefined;

  get #t(): RecordingExportTerms {
    return recordingExportTranslations[this.language];
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    ({ portals: this.portals, teams: this.teams } = await portalAndTeamChoices(api));
  }

  #url(baseUrl: string): URL {
    const url = new URL('/v1/recordings/export', baseUrl);
    url.searchParams.set('from', dayStart(this.from));
    url.searchParams.set('to', dayStart(this.to, 1));
    if (this.portal) url.searchParams.set('portalId', this.portal);
    if (this.team) url.searchParams.set('teamId', this.team);
    return url;
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    void this.export();
  }

  /** Exports with the current filters: into a file the user picks, else as a download. */
  async export(): Promise<void> {
    const sdk = this.sdk;
    if (!sdk || this.busy) return;
    this.rangeError = !this.from || !this.to || this.from > this.to;
    if (this.rangeError) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#export-from')?.focus();
      return;
    }
    const t = this.#t;
    const name = `recordings-${this.from}-${this.to}.zip`;
    // The dialog first, while the click still counts as the user's gesture.
    const picker = (window as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
    let target: FileSystemWritableFileStream | undefined;
    if (picker) {
      try {
        const handle = await picker({
          suggestedName: name,
          types: [{ accept: { 'application/zip': ['.zip'] } }],
        });
        target = await handle.createWritable();
      } catch {
        this.notice = t.cancelled;
        return;
      }
    }
    this.busy = true;
    this.problem = undefined;
    this.notice = '';
    this.written = 0;
    try {
      const res = await fetch(this.#url(sdk.baseUrl), {
        headers: { authorization: `Bearer ${sdk.token ?? ''}` },
      }).catch(() => undefined);
      if (!res?.ok || !res.body) {
        await target?.abort();
        const problem: Problem = res
          ? ((await res.json().catch(() => undefined)) ?? {
              type: 'about:blank',
              title: res.statusText,
              status: res.status,
            })
          : { type: 'https://sightline.dev/problems/network-error', title: 'Network error', status: 0 };
        await this.fail(problem);
        return;
      }
      const counted = res.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform: (chunk, out) => {
            this.written = (this.written ?? 0) + chunk.byteLength;
            out.enqueue(chunk);
          },
        }),
      );
      if (target) await counted.pipeTo(target);
      else {
        const url = URL.createObjectURL(await new Response(counted).blob());
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      this.notice = t.exported(megabytes(this.written ?? 0, this.language));
    } finally {
      this.busy = false;
      this.written = undefined;
    }
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const pick = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
    return html`<section part="base" aria-labelledby="export-heading" lang=${this.language}>
      <h2 id="export-heading">${t.heading}</h2>
      <p>${t.intro}</p>
      ${this.renderProblem()}
      <form part="form" @submit=${this.#submit}>
        <div class="field">
          <label for="export-from">${t.from}</label>
          <input
            id="export-from"
            type="date"
            required
            .value=${this.from}
            aria-invalid=${this.rangeError ? 'true' : 'false'}
            aria-describedby=${this.rangeError ? 'export-range-error' : nothing}
            @input=${pick((v) => (this.from = v))}
          />
        </div>
        <div class="field">
          <label for="export-to">${t.to}</label>
          <input id="export-to" type="date" required .value=${this.to} @input=${pick((v) => (this.to = v))} />
        </div>
        ${choiceField({ id: 'export-portal', label: t.portal, all: t.all, choices: this.portals, value: this.portal, onChange: (v) => (this.portal = v) })}
        ${choiceField({ id: 'export-team', label: t.team, all: t.all, choices: this.teams, value: this.team, onChange: (v) => (this.team = v) })}
        ${this.rangeError ? html`<p class="error" id="export-range-error">${t.rangeInvalid}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" data-action="export" ?disabled=${this.busy}>${t.export}</button>
        </div>
      </form>
      ${
        this.written !== undefined
          ? html`<p role="status">${t.exporting(megabytes(this.written, this.language))}</p>`
          : this.renderNotice()
      }
    </section>`;
  }
}
