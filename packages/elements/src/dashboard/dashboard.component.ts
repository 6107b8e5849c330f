import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { AdminElement } from '../admin/shared/admin-element.js';
import { etagOf, idempotencyKey, type Schema } from '../admin/shared/api.js';
import { type ChartSpec, drawChart } from './charts.js';
import { dashboardStyles } from './dashboard.styles.js';
import { DashboardLive, type LiveState, type MonitorData } from './dashboard-live.js';
import { type DashboardTerms, dashboardTranslations } from './dashboard-translations.js';
import { monitorBody, monitorTitle } from './monitor-views.js';

type Dashboard = Schema<'Dashboard'>;
type Monitor = Schema<'Monitor'>;
type Manager = { id: string; displayName: string };

/** `sightline-monitor-request` detail: the call a manager asked to monitor silently (MC-8). */
export interface MonitorRequestDetail {
  readonly sessionId: string;
  readonly callId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A manager asked to monitor a running call silently; cancelable. */
    'sightline-monitor-request': CustomEvent<MonitorRequestDetail>;
  }
}

const TYPES: Monitor['type'][] = ['incoming', 'agents', 'queues', 'active-sessions', 'service-level'];
const DEFAULT_MONITORS: Monitor[] = [
  { type: 'incoming' },
  { type: 'agents' },
  { type: 'queues', groupBy: 'portal' },
  { type: 'active-sessions' },
  { type: 'service-level', period: 'today', thresholdSeconds: 60 },
];

/**
 * @tagname sightline-dashboard
 * @summary A manager's live dashboard (MC-7): monitors of incoming requests, agents and their
 * presence, queues, active sessions and the service level, as cards with charts, each showing only
 * what the signed-in manager may see. Updates arrive on the dashboard's stream (no polling); after
 * 12 hours it pauses with a "resume" button. The owner adds and removes monitors and shares the
 * dashboard with other managers.
 *
 * @event {CustomEvent<MonitorRequestDetail>} sightline-monitor-request - "Monitor" was pressed on a
 *   running call; cancelable — a host that handles it (silent monitoring) calls `preventDefault()`.
 * @event {CustomEvent<Problem>} sightline-error - Something failed; the detail is the problem.
 * @csspart base - The wrapper.
 * @csspart monitor - One monitor's card.
 * @csspart presence-dot - An agent's status dot.
 * @cssproperty --sightline-dashboard-card - Card background.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…">
 *   <sightline-dashboard></sightline-dashboard>
 * </sightline-provider>
 */
export class SightlineDashboard extends AdminElement {
  static override properties = {
    dashboardId: { attribute: 'dashboard-id' },
    now: { attribute: false },
    dashboards: { state: true, attribute: false },
    current: { state: true, attribute: false },
    etag: { state: true, attribute: false },
    monitors: { state: true, attribute: false },
    live: { state: true, attribute: false },
    managers: { state: true, attribute: false },
    adding: { state: true, attribute: false },
    tick: { state: true, attribute: false },
  };
  static override styles = dashboardStyles;

  /** The dashboard to show; the first one otherwise. */
  dashboardId = '';
  /** The clock for wait and call times (tests set it). */
  now: () => number = () => Date.now();

  private dashboards: Dashboard[] = [];
  private current: Dashboard | undefined;
  private etag: string | undefined;
  private monitors: MonitorData[] = [];
  private live: LiveState = { phase: 'connecting' };
  private managers: Manager[] = [];
  private adding: Monitor['type'] = 'incoming';
  /** Bumped each second so wait and call times move on screen. */
  private tick = 0;
  #live: DashboardLive | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #charts = new Map<string, ChartSpec>();

  get #t(): DashboardTerms {
    return dashboardTranslations[this.language];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Wait and call times move on screen each second; the data itself only comes from the stream.
    this.#timer = setInterval(() => this.tick++, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#live?.stop();
    this.#live = undefined;
  }

  protected override async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() => api.GET('/v1/dashboards'));
    if (!r) return;
    this.dashboards = r.data.items;
    const pick =
      this.dashboards.find((d) => d.id === (this.current?.id ?? this.dashboardId)) ?? this.dashboards[0];
    if (pick) await this.open(pick.id);
    if (this.me?.role === 'company-manager') {
      const users = await Promise.all(
        (['company-manager', 'team-manager'] as const).map((role) =>
          api.GET('/v1/users', { params: { query: { role, limit: 200 } } }),
        ),
      );
      this.managers = users
        .flatMap((u) => u.data?.items ?? [])
        .filter((u) => u.id !== this.me?.userId)
        .map((u) => ({ id: u.id, displayName: u.displayName }));
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (
      changed.has('dashboardId') &&
      this.dashboardId &&
      this.current &&
      this.dashboardId !== this.current.id
    )
      void this.open(this.dashboardId);
  }

  /** Shows a dashboard and follows it live. */
  async open(id: string): Promise<void> {
    const api = this.api;
    const sdk = this.sdk;
    if (!api || !sdk) return;
    const r = await this.call(() => api.GET('/v1/dashboards/{id}', { params: { path: { id } } }));
    if (!r) return;
    this.current = r.data;
    this.etag = etagOf(r.response);
    this.#live?.stop();
    this.#live = new DashboardLive(sdk, id, (monitors, live) => {
      this.monitors = monitors;
      this.live = live;
      if (live.phase === 'failed' && live.problem) void this.fail(live.problem);
    });
    await this.#live.start();
  }

  /** Resumes a paused dashboard: a new snapshot and a new 12-hour watch. */
  async resume(): Promise<void> {
    await this.#live?.start();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-phase]')?.focus();
  }

  async #create(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const r = await this.call(() =>
      api.POST('/v1/dashboards', {
        params: { header: { 'idempotency-key': idempotencyKey() } },
        body: {
          name: this.#t.newName,
          monitors: DEFAULT_MONITORS,
          sharedWith: [],
          sharedWithOrganization: false,
        },
      }),
    );
    if (!r) return;
    this.dashboards = [...this.dashboards, r.data];
    await this.open(r.data.id);
  }

  async #save(patch: Schema<'PatchDashboardRequest'>): Promise<void> {
    const api = this.api;
    const d = this.current;
    if (!api || !d) return;
    const r = await this.call(() =>
      api.PATCH('/v1/dashboards/{id}', {
        params: { path: { id: d.id }, header: this.etag ? { 'if-match': this.etag } : {} },
        body: patch,
      }),
    );
    if (!r) return;
    this.current = r.data;
    this.etag = etagOf(r.response);
    this.dashboards = this.dashboards.map((x) => (x.id === d.id ? r.data : x));
    this.notice = this.#t.saved;
    // The stream follows the saved monitors from its next wake; a fresh snapshot shows them at once.
    await this.#live?.start();
  }

  #monitorCall(sessionId: string, callId: string): void {
    this.dispatchEvent(
      new CustomEvent<MonitorRequestDetail>('sightline-monitor-request', {
        detail: { sessionId, callId },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!changed.has('monitors')) return;
    for (const [id, spec] of this.#charts) {
      const el = this.renderRoot.querySelector<HTMLElement>(`[data-chart="${id}"]`);
      if (el) void drawChart(el, spec);
    }
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    if (!this.me) return this.renderSignedOut();
    return html`<section part="base" aria-labelledby="dashboard-heading" lang=${this.language}>
      <div class="toolbar">
        <h2 id="dashboard-heading">${this.current?.name ?? t.heading}</h2>
        ${this.#picker()} ${this.#state()}
        <button class="grow" type="button" data-action="new-dashboard" ?disabled=${this.busy} @click=${() => this.#create()}>${t.create}</button>
      </div>
      ${this.renderProblem()} ${this.renderNotice()}
      ${this.current ? this.#body(this.current) : html`<p>${t.none}</p>`}
    </section>`;
  }

  #picker(): TemplateResult | typeof nothing {
    if (this.dashboards.length < 2) return nothing;
    return html`<label class="state">${this.#t.choose}
      <select data-action="pick" @change=${(e: Event) => void this.open((e.target as HTMLSelectElement).value)}>
        ${this.dashboards.map((d) => html`<option value=${d.id} ?selected=${d.id === this.current?.id}>${d.name}</option>`)}
      </select>
    </label>`;
  }

  #state(): TemplateResult | typeof nothing {
    const t = this.#t;
    const l = this.live;
    if (!this.current) return nothing;
    switch (l.phase) {
      case 'connecting':
        return html`<span class="state" data-phase="connecting" role="status">${t.connecting}</span>`;
      case 'live':
      case 'reconnecting':
        return html`<span class="state" data-phase=${l.phase} role="status" tabindex="-1">${
          l.phase === 'live' ? t.live : t.reconnecting
        } <span class="muted">${t.updated(new Date(l.at).toLocaleTimeString(this.language))}</span></span>`;
      case 'paused':
        return html`<span class="state" data-phase="paused" role="status">${t.paused}
          <button class="primary" type="button" data-action="resume" @click=${() => this.resume()}>${t.resume}</button></span>`;
      case 'failed':
        return html`<span class="state" data-phase="failed" role="status">${t.revoked}</span>`;
    }
  }

  #body(d: Dashboard): TemplateResult {
    const t = this.#t;
    const own = d.access === 'own';
    this.#charts = new Map();
    const ctx = {
      lang: this.language,
      now: this.now(),
      charts: this.#charts,
      monitorCall: (s: string, c: string) => this.#monitorCall(s, c),
    };
    return html`${own ? nothing : html`<p class="muted">${t.sharedBy(d.owner.displayName)}</p>`}
      <ul class="monitors">
        ${this.monitors.map((m) => {
          const config = d.monitors.find((c) => c.id === m.id);
          const title = monitorTitle(config, m, this.language);
          return html`<li class="card" part="monitor" data-monitor=${m.type} data-id=${m.id} aria-labelledby=${`m-${m.id}`}>
            <header>
              <h3 id=${`m-${m.id}`}>${title}</h3>
              ${
                own
                  ? html`<button type="button" data-action="remove" aria-label=${t.remove(title)}
                      @click=${() => void this.#save({ monitors: d.monitors.filter((c) => c.id !== m.id) })}>×</button>`
                  : nothing
              }
            </header>
            ${monitorBody(m, ctx)}
          </li>`;
        })}
      </ul>
      ${own ? this.#editor(d) : nothing}`;
  }

  #editor(d: Dashboard): TemplateResult {
    const t = this.#t;
    return html`<form class="toolbar" data-part="add" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const defaults = DEFAULT_MONITORS.find((m) => m.type === this.adding)!;
      void this.#save({ monitors: [...d.monitors, { ...defaults }] });
    }}>
        <label for="add-type">${t.monitorType}</label>
        <select id="add-type" @change=${(e: Event) => (this.adding = (e.target as HTMLSelectElement).value as Monitor['type'])}>
          ${TYPES.map((type) => html`<option value=${type} ?selected=${type === this.adding}>${t.types[type]}</option>`)}
        </select>
        <button type="submit" data-action="add-monitor" ?disabled=${this.busy}>${t.addMonitor}</button>
      </form>
      <fieldset data-part="share">
        <legend>${t.share}</legend>
        <label><input type="checkbox" data-action="share-all" .checked=${d.sharedWithOrganization}
          @change=${(e: Event) => void this.#save({ sharedWithOrganization: (e.target as HTMLInputElement).checked })} />
          ${t.shareAll}</label>
        ${
          this.managers.length
            ? html`<p class="muted">${t.shareWith}</p>
                ${this.managers.map(
                  (
                    m,
                  ) => html`<label><input type="checkbox" data-share=${m.id} .checked=${d.sharedWith.includes(m.id)}
                    @change=${(e: Event) => {
                      const on = (e.target as HTMLInputElement).checked;
                      const next = on ? [...d.sharedWith, m.id] : d.sharedWith.filter((x) => x !== m.id);
                      void this.#save({ sharedWith: next });
                    }} /> ${m.displayName}</label>`,
                )}`
            : nothing
        }
      </fieldset>`;
  }
}
