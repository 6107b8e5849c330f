import type { components } from '@sightline/api-client';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { sharedStyles } from '../shared/shared.styles.js';
import { SightlineElement } from '../shared/sightline-element.js';
import '../summary-viewer/summary-viewer.js';
import { viewerTranslations } from '../summary-viewer/translations.js';
import { summariesTranslations } from './translations.js';

type Summary = components['schemas']['Summary'];
type Overview = components['schemas']['SummaryOverview'];
type IssueType = NonNullable<Summary['issueType']>;
type Filters = {
  q?: string;
  issueType?: IssueType;
  application?: string;
  agent?: string;
  portal?: string;
  from?: string;
  to?: string;
};
type Choice = { id: string; name: string };

const ISSUE_TYPES = Object.keys(viewerTranslations.en.issueTypes) as IssueType[];

/**
 * Chartist sets some `style` values as attribute strings, which a page's Content-Security-Policy
 * without `'unsafe-inline'` refuses (and reports). The same declarations set through the CSSOM are
 * allowed, so its `attr` applies `style` that way; done once per loaded module.
 */
function styleThroughCssom(svg: typeof import('chartist').Svg): void {
  const proto = svg.prototype as unknown as {
    attr(this: InstanceType<typeof svg>, attributes: unknown, ns?: string): unknown;
    cssomStyle?: true;
  };
  if (proto.cssomStyle) return;
  const attr = proto.attr;
  proto.attr = function (attributes, ns) {
    if (typeof attributes !== 'object' || attributes === null || !('style' in attributes))
      return attr.call(this, attributes, ns);
    const { style, ...rest } = attributes as Record<string, unknown>;
    if (style !== undefined) this.getNode<SVGElement>().style.cssText = String(style);
    return attr.call(this, rest, ns);
  };
  proto.cssomStyle = true;
}

/**
 * The console's summaries page (SI-7, SI-9): AI summaries of the sessions the signed-in staff
 * member may see, filtered by text, issue type, application and date, newest first with "load
 * more" (keyset pages), the overview of issue types and applications for the same filter as bar
 * charts (chartist, loaded on first use), and the selected summary in a viewer.
 *
 * @tagname sightline-summaries
 * @summary Summaries list with filters, overview charts and a viewer.
 * @csspart filters - The filter form.
 * @csspart list - The list of summaries.
 * @csspart charts - The overview charts.
 */
export class SightlineSummaries extends SightlineElement {
  static override properties = {
    items: { state: true, attribute: false },
    next: { state: true, attribute: false },
    overview: { state: true, attribute: false },
    selected: { state: true, attribute: false },
    filters: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    agents: { state: true, attribute: false },
    portals: { state: true, attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      label {
        display: grid;
        gap: 0.2rem;
        font-weight: 600;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(16rem, 1fr) 2fr;
        gap: 1rem;
        margin-top: 1rem;
      }
      @media (max-width: 48rem) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.35rem;
      }
      [part='list'] button {
        width: 100%;
        text-align: start;
      }
      [part='list'] button[aria-current='true'] {
        outline: 2px solid var(--sightline-theme-primary, #0b57d0);
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 1rem;
      }
      .chart {
        height: 12rem;
      }
      .ct-bar {
        stroke: var(--sightline-theme-primary, #0b57d0);
        stroke-width: 14px;
      }
      .ct-label {
        font-size: 0.75rem;
        fill: #57606a;
        color: #57606a;
      }
      .ct-grid {
        stroke: #d0d7de;
        stroke-dasharray: 2px;
      }
    `,
  ];

  private items: Summary[] = [];
  private next: string | null = null;
  private overview: Overview | undefined;
  private selected = '';
  private filters: Filters = {};
  private busy = false;
  private agents: Choice[] = [];
  private portals: Choice[] = [];
  #loadedFor: unknown;
  #events: { unsubscribe(): void } | undefined;
  #auth: { unsubscribe(): void } | undefined;
  #refresh: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#events?.unsubscribe();
    this.#events = undefined;
    this.#auth?.unsubscribe();
    this.#auth = undefined;
    this.#loadedFor = undefined;
    clearTimeout(this.#refresh);
  }

  get #t() {
    return summariesTranslations[this.localize.lang];
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.sdk && this.#loadedFor !== this.sdk) {
      this.#loadedFor = this.sdk;
      // Loads once signed in (a console's provider starts signed out), and again after another sign-in.
      this.#auth?.unsubscribe();
      this.#auth = this.sdk.auth$.subscribe((auth) => {
        if (auth.status !== 'signed-in') return;
        void this.load();
        void this.#loadChoices();
      });
      // New, edited and deleted summaries show without a reload (the list and the charts).
      this.#events?.unsubscribe();
      this.#events = this.sdk.events$.subscribe((e) => {
        if (e.type !== 'other' || !e.name.startsWith('summary.')) return;
        clearTimeout(this.#refresh);
        this.#refresh = setTimeout(() => void this.load(), 300);
      });
    }
    void this.#drawCharts();
  }

  /** Loads the first page and the overview for the current filters. */
  async load(more = false): Promise<void> {
    const api = this.sdk?.api;
    if (!api) return;
    this.busy = true;
    const query = { ...this.filters, ...(more && this.next ? { cursor: this.next } : {}), limit: 25 };
    const [list, overview] = await Promise.all([
      api.GET('/v1/summaries', { params: { query } }),
      more
        ? Promise.resolve(undefined)
        : api.GET('/v1/summaries/overview', { params: { query: this.filters } }),
    ]);
    this.busy = false;
    if (list.data) {
      this.items = more ? [...this.items, ...list.data.items] : list.data.items;
      this.next = list.data.nextCursor;
    }
    if (overview?.data) this.overview = overview.data;
  }

  /** Who and which portal one may filter by: every agent for managers, oneself otherwise. */
  async #loadChoices(): Promise<void> {
    const api = this.sdk?.api;
    if (!api) return;
    const [{ data: me }, portals] = await Promise.all([api.GET('/v1/me'), api.GET('/v1/portals')]);
    // Agents do not list users (the server refuses them): they filter by themselves.
    const users =
      me?.kind === 'staff' && me.role !== 'agent'
        ? await api.GET('/v1/users', { params: { query: { limit: 100 } } })
        : undefined;
    if (users?.data) this.agents = users.data.items.map((u) => ({ id: u.id, name: u.displayName }));
    else this.agents = me?.kind === 'staff' ? [{ id: me.userId, name: this.#t.me }] : [];
    this.portals = portals.data?.items.map((p) => ({ id: p.id, name: p.name })) ?? [];
  }

  #apply(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const value = (k: string) => String(data.get(k) ?? '').trim();
    const day = (k: string, end = false) =>
      value(k) ? new Date(`${value(k)}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined;
    const filters: Filters = {};
    if (value('q')) filters.q = value('q');
    if (value('issueType')) filters.issueType = value('issueType') as IssueType;
    if (value('application')) filters.application = value('application');
    if (value('agent')) filters.agent = value('agent');
    if (value('portal')) filters.portal = value('portal');
    const from = day('from');
    const to = day('to', true);
    if (from) filters.from = from;
    if (to) filters.to = to;
    this.filters = filters;
    void this.load();
  }

  async #drawCharts(): Promise<void> {
    const o = this.overview;
    const types = this.renderRoot.querySelector<HTMLElement>('[data-chart="issue-types"]');
    const apps = this.renderRoot.querySelector<HTMLElement>('[data-chart="applications"]');
    if (!o || !types || !apps) return;
    const { BarChart, Svg } = await import('chartist');
    styleThroughCssom(Svg);
    const labels = viewerTranslations[this.localize.lang].issueTypes;
    const options = {
      horizontalBars: true,
      reverseData: true,
      axisY: { offset: 110 },
      axisX: { onlyInteger: true },
    };
    new BarChart(
      types,
      {
        labels: o.issueTypes.map((t) => labels[t.key as IssueType] ?? t.key),
        series: [o.issueTypes.map((t) => t.count)],
      },
      options,
    );
    const topApps = o.applications.slice(0, 8);
    if (topApps.length)
      new BarChart(
        apps,
        { labels: topApps.map((a) => a.key), series: [topApps.map((a) => a.count)] },
        options,
      );
  }

  #choice(name: string, label: string, choices: Choice[]): TemplateResult | typeof nothing {
    if (choices.length === 0) return nothing;
    return html`<label>${label}
      <select name=${name}>
        <option value="">${this.#t.any}</option>
        ${choices.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      </select>
    </label>`;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const labels = viewerTranslations[this.localize.lang].issueTypes;
    const o = this.overview;
    // Text alternatives of the charts, for screen readers and as a table of the same numbers.
    const alt = (rows: { key: string; count: number }[], name: (k: string) => string) =>
      rows.map((r) => `${name(r.key)}: ${r.count}`).join(', ');
    return html`<section aria-labelledby="summaries-heading">
      <h2 id="summaries-heading">${t.heading}</h2>
      <form part="filters" @submit=${(e: SubmitEvent) => this.#apply(e)}>
        <label>${t.search}<input name="q" type="search" maxlength="200" /></label>
        <label>${t.issueType}
          <select name="issueType">
            <option value="">${t.any}</option>
            ${ISSUE_TYPES.map((k) => html`<option value=${k}>${labels[k]}</option>`)}
          </select>
        </label>
        <label>${t.application}<input name="application" maxlength="100" /></label>
        ${this.#choice('agent', t.agent, this.agents)} ${this.#choice('portal', t.portal, this.portals)}
        <label>${t.from}<input name="from" type="date" /></label>
        <label>${t.to}<input name="to" type="date" /></label>
        <button type="submit" data-action="filter" ?disabled=${this.busy}>${t.apply}</button>
      </form>
      ${
        o
          ? html`<div part="charts" class="charts">
              <figure>
                <figcaption>${t.byIssueType} · ${t.total(o.total)}</figcaption>
                <div class="chart" data-chart="issue-types" role="img" aria-label=${alt(o.issueTypes, (k) => labels[k as IssueType] ?? k)}></div>
              </figure>
              <figure>
                <figcaption>${t.byApplication}</figcaption>
                ${
                  o.applications.length
                    ? html`<div class="chart" data-chart="applications" role="img" aria-label=${alt(o.applications, (k) => k)}></div>`
                    : html`<p data-chart="applications">${t.noApplications}</p>`
                }
              </figure>
            </div>`
          : nothing
      }
      <div class="layout">
        <div>
          ${this.items.length === 0 && !this.busy ? html`<p role="status">${t.empty}</p>` : nothing}
          <ol part="list">
            ${this.items.map(
              (s) => html`<li>
                <button type="button" data-summary=${s.id} aria-current=${this.selected === s.id ? 'true' : 'false'} @click=${() => (this.selected = s.id)}>
                  <strong>${s.title}</strong><br />
                  <small>${s.issueType ? labels[s.issueType] : ''} · ${s.session.device.name} · ${this.localize.dateTime(s.createdAt)}</small>
                </button>
              </li>`,
            )}
          </ol>
          ${this.next ? html`<button type="button" data-action="more" ?disabled=${this.busy} @click=${() => void this.load(true)}>${t.more}</button>` : nothing}
        </div>
        <div>
          ${this.selected ? html`<sightline-summary-viewer summary-id=${this.selected} .sightline=${this.sdk}></sightline-summary-viewer>` : nothing}
        </div>
      </div>
    </section>`;
  }
}
