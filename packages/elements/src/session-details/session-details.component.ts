import type { components } from '@sightline/api-client';
import { SESSION_RETENTION_DAYS } from '@sightline/core/domain';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Problem } from '../shared/sdk.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { type DetailsTerms, detailsTerms } from './details-translations.js';
import { sessionDetailsStyles } from './session-details.styles.js';

type Session = components['schemas']['Session'];
type Screenshot = components['schemas']['Screenshot'];
type Diagnostics = components['schemas']['CallDiagnostics'];

/** The parts of the record the element can show; `include` picks them. */
export type DetailsSection = 'summary' | 'chat' | 'screenshots' | 'recordings' | 'diagnostics';
const ALL_SECTIONS = 'summary chat screenshots recordings diagnostics';

/** A byte count as the language writes it (kB, MB, GB). */
function bytes(lang: string, n: number | undefined): string | undefined {
  if (n === undefined) return undefined;
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: units[unit], maximumFractionDigits: 1 }).format(
    value,
  );
}

/** A duration as the language writes it: `1 h 5 min`, `4 min 12 s`, `42 s`. */
function duration(lang: string, seconds: number): string {
  const total = Math.round(seconds);
  const parts: [number, 'hour' | 'minute' | 'second'][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const shown = parts.filter(([n], i) => n > 0 || (i === 2 && total === 0));
  return shown
    .slice(0, 2)
    .map(([n, unit]) => new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(n))
    .join(' ');
}

/**
 * @tagname sightline-session-details
 * @summary A session's record for staff (MC-10): its AI summary, chat and notes, screenshots,
 * recordings and the call quality each side reported per call — or, once the retention period
 * has passed, that and when its data was deleted (MC-14).
 *
 * @slot recordings - Replaces the built-in list of the session's recordings (`<sightline-recording-list>`, with
 *   replay behind the portal's passphrase), for a host that lists them itself.
 *
 * @csspart base - The record's frame.
 * @csspart retention - The notice that the session's data was deleted.
 * @csspart summary - The AI summary (`<sightline-summary-viewer>`).
 * @csspart messages - The chat and notes (`<sightline-session-log>`).
 * @csspart screenshots - The screenshots section.
 * @csspart screenshot - One screenshot (a figure).
 * @csspart recordings - The recordings section.
 * @csspart diagnostics - The call quality table.
 *
 * @cssproperty --sightline-session-details-border - Lines and frames (default `--sightline-theme-border`).
 * @cssproperty --sightline-session-details-notice-background - Background of the retention notice.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-session-details session-id="…"></sightline-session-details>
 * </sightline-provider>
 */
export class SightlineSessionDetails extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    include: {},
    retentionDays: { attribute: 'retention-days', type: Number },
    session: { state: true, attribute: false },
    screenshots: { state: true, attribute: false },
    images: { state: true, attribute: false },
    diagnostics: { state: true, attribute: false },
    purgedAt: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    hasRecordings: { state: true, attribute: false },
  };
  static override styles = [sharedStyles, sessionDetailsStyles];

  sessionId = '';
  /** The sections to show, space-separated (default all: `summary chat screenshots recordings diagnostics`). */
  include = ALL_SECTIONS;
  /** The retention period the notice names (the server's configuration; default 90 days). */
  retentionDays = SESSION_RETENTION_DAYS;

  private session: Session | undefined;
  private screenshots: Screenshot[] | undefined;
  private images: Record<string, string | null> = {};
  private diagnostics: Diagnostics[] | undefined;
  private purgedAt: string | undefined;
  private problem: Problem | undefined;
  private hasRecordings = false;
  #loading = 0;
  /** Recordings given by the host (slotted) or found by the built-in list. */
  #slotted = false;
  #listed = false;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId') || changed.has('include')) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dropImages();
  }

  #shows(section: DetailsSection): boolean {
    return this.include.split(/\s+/).includes(section);
  }

  #dropImages(): void {
    for (const url of Object.values(this.images)) if (url) URL.revokeObjectURL(url);
    this.images = {};
  }

  /** Reads the session and its screenshots and call quality again. */
  async load(): Promise<void> {
    const sdk = this.sdk;
    const id = this.sessionId;
    this.#dropImages();
    this.session = this.screenshots = this.diagnostics = this.purgedAt = this.problem = undefined;
    if (!sdk || !id) return;
    const run = ++this.#loading;
    const current = () => run === this.#loading;
    const path = { params: { path: { id } } };
    const session = await sdk.api.GET('/v1/sessions/{id}', path);
    if (!current()) return;
    if (session.error) {
      this.problem = session.error as Problem;
      return;
    }
    this.session = session.data;
    if (session.data.dataPurgedAt) {
      this.purgedAt = session.data.dataPurgedAt;
      return;
    }
    const [shots, quality] = await Promise.all([
      this.#shows('screenshots') ? sdk.api.GET('/v1/sessions/{id}/screenshots', path) : undefined,
      this.#shows('diagnostics') ? sdk.api.GET('/v1/sessions/{id}/diagnostics', path) : undefined,
    ]);
    if (!current()) return;
    // Deleted between the two reads: the data routes say so.
    const gone = [shots, quality].find((r) => r?.response.status === 410);
    if (gone) {
      this.purgedAt = new Date().toISOString();
      return;
    }
    if (shots?.error) this.problem = shots.error as Problem;
    else if (shots) this.screenshots = shots.data.items;
    // Call quality is for staff; for anyone else the section stays away.
    if (quality && !quality.error) this.diagnostics = quality.data.items;
    for (const shot of this.screenshots ?? []) void this.#loadImage(run, id, shot.id);
  }

  async #loadImage(run: number, id: string, shotId: string): Promise<void> {
    const sdk = this.sdk;
    if (!sdk) return;
    const { data, error } = await sdk.api.GET('/v1/sessions/{id}/screenshots/{shotId}/image', {
      params: { path: { id, shotId } },
      parseAs: 'blob',
    });
    if (run !== this.#loading) return;
    const url = error ? null : URL.createObjectURL(data as unknown as Blob);
    this.images = { ...this.images, [shotId]: url };
  }

  protected override render(): TemplateResult {
    const t = detailsTerms[this.localize.lang];
    const s = this.session;
    return html`<section part="base" lang=${this.localize.lang} aria-labelledby="record-heading">
      <h3 id="record-heading">${t.heading}</h3>
      ${this.problem ? html`<p class="alert" role="alert">${t.failed} ${this.localize.problem(this.problem)}</p>` : nothing}
      ${!s && !this.problem ? html`<p role="status">${t.loading}</p>` : nothing}
      ${
        this.purgedAt
          ? html`<p part="retention" role="note">${t.purged(this.retentionDays, this.localize.dateTime(this.purgedAt))}</p>`
          : s
            ? this.#sections(t, s)
            : nothing
      }
    </section>`;
  }

  #sections(t: DetailsTerms, s: Session): TemplateResult {
    return html`${
      this.#shows('summary')
        ? html`<sightline-summary-viewer part="summary" session-id=${s.id} .sightline=${this.sdk}></sightline-summary-viewer>`
        : nothing
    }
      ${
        this.#shows('chat')
          ? html`<sightline-session-log part="messages" session-id=${s.id} .sightline=${this.sdk}></sightline-session-log>`
          : nothing
      }
      ${this.#shows('screenshots') ? this.#screenshots(t) : nothing}
      ${
        this.#shows('recordings')
          ? html`<section part="recordings" aria-labelledby="recordings-heading" ?hidden=${!this.hasRecordings}>
              <h4 id="recordings-heading">${t.recordings}</h4>
              <slot name="recordings" @slotchange=${this.#recordingsChanged}>
                <sightline-recording-list
                  session-id=${s.id}
                  .sightline=${this.sdk}
                  @sightline-recordings-change=${(e: CustomEvent<{ count: number }>) => {
                    this.#listed = e.detail.count > 0;
                    this.hasRecordings = this.#slotted || this.#listed;
                  }}
                ></sightline-recording-list>
              </slot>
            </section>`
          : nothing
      }
      ${this.#shows('diagnostics') && this.diagnostics ? this.#diagnostics(t, s) : nothing}`;
  }

  #recordingsChanged(e: Event): void {
    this.#slotted = (e.target as HTMLSlotElement).assignedElements().length > 0;
    this.hasRecordings = this.#slotted || this.#listed;
  }

  #screenshots(t: DetailsTerms): TemplateResult {
    const shots = this.screenshots;
    return html`<section part="screenshots" aria-labelledby="shots-heading">
      <h4 id="shots-heading">${t.screenshots}</h4>
      ${
        !shots
          ? nothing
          : shots.length === 0
            ? html`<p>${t.noScreenshots}</p>`
            : html`<ul>
                ${shots.map((shot, i) => {
                  const url = this.images[shot.id];
                  const when = this.localize.dateTime(new Date(shot.capturedAt).toISOString());
                  return html`<li>
                    <figure part="screenshot" data-screenshot=${shot.id}>
                      ${
                        url
                          ? html`<img src=${url} width=${shot.width} height=${shot.height} alt=${t.screenshotAlt(i + 1, shots.length, when)} />`
                          : url === null
                            ? html`<p class="meta">${t.imageMissing}</p>`
                            : nothing
                      }
                      <figcaption><time datetime=${new Date(shot.capturedAt).toISOString()}>${when}</time> · ${t.annotations(shot.annotations.length)}</figcaption>
                    </figure>
                  </li>`;
                })}
              </ul>`
      }
    </section>`;
  }

  #diagnostics(t: DetailsTerms, s: Session): TemplateResult {
    const reports = this.diagnostics ?? [];
    const lang = this.localize.lang;
    const num = (n: number, digits = 0) =>
      new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n);
    const ms = (seconds: number) =>
      new Intl.NumberFormat(lang, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 }).format(
        seconds * 1000,
      );
    const calls = s.calls.filter((c) => reports.some((r) => r.callId === c.id));
    return html`<section part="diagnostics" aria-labelledby="quality-heading">
      <h4 id="quality-heading">${t.diagnostics}</h4>
      ${reports.length === 0 ? html`<p>${t.noDiagnostics}</p>` : nothing}
      ${calls.map((call) => {
        const n = s.calls.indexOf(call) + 1;
        const caption = t.call(n, this.localize.dateTime(call.startedAt));
        return html`<div class="table-scroll" role="group" aria-label=${caption} tabindex="0">
          <table data-call=${call.id}>
            <caption>${caption}</caption>
            <thead>
              <tr>
                <th scope="col">${t.side}</th>
                <th scope="col">${t.duration}</th>
                <th scope="col">${t.roundTrip}</th>
                <th scope="col">${t.frameRate}</th>
                <th scope="col">${t.data}</th>
                <th scope="col">${t.reconnections}</th>
              </tr>
            </thead>
            <tbody>
              ${reports
                .filter((r) => r.callId === call.id)
                .map((r) => {
                  const q = r.summary;
                  return html`<tr data-role=${r.role}>
                    <th scope="row">${r.role === 'customer' ? t.customer : t.staff}${q.final ? nothing : html` <span class="meta">(${t.partial})</span>`}</th>
                    <td>${duration(lang, q.durationSeconds)}</td>
                    <td>${q.roundTripTime ? `${ms(q.roundTripTime.average)} / ${ms(q.roundTripTime.max)}` : t.notMeasured}</td>
                    <td>${q.framesPerSecond ? `${num(q.framesPerSecond.average, 1)} / ${num(q.framesPerSecond.min, 1)}` : t.notMeasured}</td>
                    <td>${bytes(lang, q.bytesReceived) ?? t.notMeasured} / ${bytes(lang, q.bytesSent) ?? t.notMeasured}</td>
                    <td>${num(q.reconnections)}</td>
                  </tr>`;
                })}
            </tbody>
          </table>
        </div>`;
      })}
    </section>`;
  }
}
