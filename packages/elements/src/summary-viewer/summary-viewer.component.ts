import { type components, createClient, type Problem, type SightlineClient } from '@sightline/api-client';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { findProvider, PROVIDER_CHANGE } from '../shared/find-provider.js';
import { langOf } from '../shared/localize.js';
import { followEvents, type ViewerEvent } from './live.js';
import { patchOf, summaryForm } from './summary-form.js';
import { summaryViewerStyles } from './summary-viewer.styles.js';
import { type ViewerLanguage, type ViewerTerms, viewerTranslations } from './translations.js';

type Summary = components['schemas']['Summary'];
type SessionSummary = components['schemas']['SessionSummary'];
type State = SessionSummary['state'] | 'loading' | 'error';

/** What a provider offers, read structurally so this element never loads the SDK. */
interface ProviderSdk {
  baseUrl: string;
  token: string | undefined;
  events$?: {
    subscribe(
      fn: (e: { type: string; name?: string; sessionId?: string; session?: { id: string } }) => void,
    ): {
      unsubscribe(): void;
    };
  };
}

/**
 * The AI summary of a support session (SI-7…SI-10, SI-12), for the console and for host apps such
 * as CRMs: give it `session-id` (shows every state: not yet, queued, being written, ready, not made
 * and why, deleted) or `summary-id`, and either sit inside `<sightline-provider>` or set `base-url`
 * and a (short-lived) `token`. Edits (with the ETag), deletes and downloads appear only when the
 * server says the caller may. Updates live from the provider's event stream; standalone it polls
 * only while the summary is being made.
 *
 * @tagname sightline-summary-viewer
 * @summary An AI summary with its states, edit, delete and download.
 * @fires sightline-summary-change - After an edit or a delete; `detail.summary` (null when deleted).
 * @csspart summary - The summary article.
 * @csspart status - The state line (not yet, being written, not made and why).
 * @csspart actions - The edit / download / delete buttons.
 * @csspart form - The edit form.
 * @cssprop --sightline-accent - Accent colour (buttons, chips).
 * @cssprop --sightline-radius - Corner radius.
 */
export class SightlineSummaryViewer extends LitElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    summaryId: { attribute: 'summary-id' },
    baseUrl: { attribute: 'base-url' },
    token: {},
    sightline: { attribute: false },
    view: { state: true, attribute: false },
    reason: { state: true, attribute: false },
    summary: { state: true, attribute: false },
    editing: { state: true, attribute: false },
    confirmingDelete: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    stale: { state: true, attribute: false },
  };
  static override styles = summaryViewerStyles;
  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: keeps the subclass's own attributes
    return [...super.observedAttributes, 'lang'];
  }

  sessionId = '';
  summaryId = '';
  baseUrl = '';
  token = '';
  /** An SDK instance to use (what `<sightline-provider>` would give); wins over a provider. */
  sightline: ProviderSdk | undefined;

  private view: State = 'loading';
  private reason: string | null = null;
  private summary: Summary | undefined;
  private editing = false;
  private confirmingDelete = false;
  private problem: Problem | undefined;
  private stale = false;
  #etag = '';
  #events: { unsubscribe(): void } | undefined;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #pollDelay = 1_000;
  #provider: HTMLElement | undefined;
  /** The provider's SDK instance changed (signed in, another token): listen and read again. */
  readonly #providerChanged = (): void => {
    this.#events?.unsubscribe();
    this.#events = undefined;
    void this.reload();
  };

  get #t(): ViewerTerms {
    const primary = langOf(this).toLowerCase().split(/[-_]/)[0] ?? 'en';
    return viewerTranslations[(primary in viewerTranslations ? primary : 'en') as ViewerLanguage];
  }

  get #sdk(): ProviderSdk | undefined {
    return (
      this.sightline ?? (findProvider(this) as unknown as { sightline?: ProviderSdk } | undefined)?.sightline
    );
  }

  get #api(): SightlineClient | undefined {
    const sdk = this.#sdk;
    const baseUrl = this.baseUrl || sdk?.baseUrl;
    if (!baseUrl) return undefined;
    return createClient({ baseUrl, getToken: () => this.token || sdk?.token });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#provider = findProvider(this);
    this.#provider?.addEventListener(PROVIDER_CHANGE, this.#providerChanged);
    // A provider upgraded after this element has no instance yet: look again once it is defined.
    if (this.#provider && !customElements.get('sightline-provider')) {
      void customElements.whenDefined('sightline-provider').then(this.#providerChanged);
    }
    this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#provider?.removeEventListener(PROVIDER_CHANGE, this.#providerChanged);
    this.#provider = undefined;
    this.#events?.unsubscribe();
    this.#events = undefined;
    clearTimeout(this.#poll);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const other =
      changed.has('sessionId') ||
      changed.has('summaryId') ||
      changed.has('baseUrl') ||
      changed.has('sightline');
    if (changed.has('token') && !other) {
      // A refreshed token (host apps renew short-lived ones): keep the form, reconnect the stream.
      this.#events?.unsubscribe();
      this.#events = undefined;
      if (this.view === 'error' || this.view === 'loading') void this.reload();
      else this.#listen();
      return;
    }
    if (other) {
      if (changed.has('sightline') || changed.has('baseUrl')) {
        this.#events?.unsubscribe();
        this.#events = undefined;
      }
      this.editing = false;
      this.confirmingDelete = false;
      void this.reload();
    }
  }

  /**
   * Summary events of this session reload it at once: from the provider's stream, or standing alone
   * with `base-url` and `token` (a host app's panel), from a stream of its own.
   */
  #listen(): void {
    if (this.#events) return;
    const onEvent = (e: ViewerEvent) => {
      const name = e.name ?? e.type ?? '';
      if (!name.startsWith('summary.') && name !== 'session.changed') return;
      const about = e.sessionId ?? e.session?.id;
      if (about !== (this.sessionId || this.summary?.sessionId)) return;
      // While editing, the save's If-Match finds a change made meanwhile (412) and offers a reload.
      if (!this.editing) void this.reload();
    };
    const events = this.#sdk?.events$;
    if (events) this.#events = events.subscribe(onEvent);
    else if (this.baseUrl && this.token) this.#events = followEvents(this.baseUrl, () => this.token, onEvent);
  }

  /** Reads the summary (or the session's summary state) again. */
  async reload(): Promise<void> {
    clearTimeout(this.#poll);
    const api = this.#api;
    if (!api || (!this.sessionId && !this.summaryId)) return;
    this.#listen();
    this.stale = false;
    if (this.summaryId && !this.sessionId) {
      const { data, error, response } = await api.GET('/v1/summaries/{id}', {
        params: { path: { id: this.summaryId } },
      });
      if (error) return this.#fail(error, response.status === 404 ? 'deleted' : 'error');
      this.#show('ready', null, data, response.headers.get('etag') ?? '');
      return;
    }
    const { data, error } = await api.GET('/v1/sessions/{id}/summary', {
      params: { path: { id: this.sessionId } },
    });
    if (error) return this.#fail(error, 'error');
    let etag = '';
    if (data.summary && data.state === 'ready') etag = `"${data.summary.version}"`;
    this.#show(data.state, data.reason, data.summary ?? undefined, etag);
  }

  #show(view: State, reason: string | null, summary: Summary | undefined, etag: string): void {
    this.view = view;
    this.reason = reason;
    this.summary = summary;
    this.#etag = etag;
    this.problem = undefined;
    // Standalone (no event stream): look again, backing off, only while it is being made.
    const waiting = view === 'pending' || view === 'generating' || view === 'not-applicable';
    if (waiting && !this.#events) {
      this.#poll = setTimeout(() => void this.reload(), this.#pollDelay);
      this.#pollDelay = Math.min(this.#pollDelay * 2, view === 'not-applicable' ? 30_000 : 8_000);
    } else this.#pollDelay = 1_000;
  }

  #fail(problem: Problem, view: State): void {
    this.problem = problem;
    this.view = view;
  }

  /** Opens or closes the edit form; focus goes to its first field, and back to Edit after. */
  #edit(open: boolean): void {
    this.editing = open;
    this.problem = undefined;
    void this.#focus(open ? 'input[name="title"]' : '[data-action="edit"]');
  }

  /** Asks before deleting; focus moves to the question's answer and back. */
  #confirm(asking: boolean): void {
    this.confirmingDelete = asking;
    void this.#focus(asking ? '[data-action="cancel-delete"]' : '[data-action="delete"]');
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.#api;
    const s = this.summary;
    if (!api || !s) return;
    const { data, error, response } = await api.PATCH('/v1/summaries/{id}', {
      params: { path: { id: s.id }, header: { 'if-match': this.#etag } },
      body: patchOf(event.target as HTMLFormElement),
    });
    if (error) {
      this.stale = response.status === 412;
      this.problem = error;
      return;
    }
    this.#show('ready', null, data, response.headers.get('etag') ?? `"${data.version}"`);
    this.#edit(false);
    this.dispatchEvent(
      new CustomEvent('sightline-summary-change', {
        detail: { summary: data },
        bubbles: true,
        composed: true,
      }),
    );
  }

  async #delete(): Promise<void> {
    const api = this.#api;
    const s = this.summary;
    if (!api || !s) return;
    const { error, response } = await api.DELETE('/v1/summaries/{id}', {
      params: { path: { id: s.id }, header: { 'if-match': this.#etag } },
    });
    this.confirmingDelete = false;
    if (error) {
      this.stale = response.status === 412;
      this.problem = error;
      return;
    }
    this.#show('deleted', null, undefined, '');
    this.dispatchEvent(
      new CustomEvent('sightline-summary-change', {
        detail: { summary: null },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Downloads an export with the bearer token (a plain link could not carry it). */
  async #download(format: 'md' | 'json' | 'pdf'): Promise<void> {
    const api = this.#api;
    const s = this.summary;
    if (!api || !s) return;
    const { data, error, response } = await api.GET('/v1/summaries/{id}/export', {
      params: { path: { id: s.id }, query: { format } },
      parseAs: 'blob',
    });
    if (error) {
      this.problem = error;
      return;
    }
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
      `summary.${format}`;
    const url = URL.createObjectURL(data as unknown as Blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.dataset.format = format;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.dispatchEvent(
      new CustomEvent('sightline-summary-download', {
        detail: { format, name },
        bubbles: true,
        composed: true,
      }),
    );
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const problem = this.problem
      ? html`<p role="alert" class="problem">
          ${this.stale ? t.stale : (this.problem.detail ?? this.problem.title)}
          ${this.stale ? html`<button type="button" data-action="reload" @click=${() => void this.reload().then(() => this.#edit(false))}>${t.reload}</button>` : nothing}
        </p>`
      : nothing;
    if (this.view === 'error') return html`${problem}`;
    if (this.view !== 'ready' || !this.summary) {
      return html`<p part="status" role="status" data-state=${this.view}>${this.#statusText(t)}</p>${problem}`;
    }
    return html`${
      this.editing
        ? summaryForm(
            t,
            this.summary,
            (e) => void this.#save(e),
            () => this.#edit(false),
          )
        : this.#article(t, this.summary)
    }${problem}`;
  }

  #statusText(t: ViewerTerms): string {
    switch (this.view) {
      case 'loading':
        return t.loading;
      case 'not-applicable':
        return t.notYet;
      case 'pending':
        return t.pending;
      case 'generating':
        return t.generating;
      case 'deleted':
        return t.deleted;
      case 'failed':
        return `${t.failed} ${this.#reason(t) ?? ''}`.trim();
      case 'skipped':
        return this.#reason(t) ?? t.notMade;
      default:
        return this.problem?.detail ?? t.notMade;
    }
  }

  #reason(t: ViewerTerms): string | undefined {
    return (t.reasons as Record<string, string>)[this.reason ?? ''];
  }

  #article(t: ViewerTerms, s: Summary): TemplateResult {
    const may = (p: Summary['allowed'][number]) => s.allowed.includes(p);
    const when = (iso: string) => new Date(iso).toLocaleString(langOf(this));
    return html`<article part="summary" data-state="ready" aria-labelledby="title">
      <header>
        <h3 id="title">${s.title}</h3>
        ${s.issueType ? html`<span class="chip" data-issue-type=${s.issueType}>${t.issueTypes[s.issueType]}</span>` : nothing}
      </header>
      <p class="context" data-field="session">
        ${s.session.device.name} · ${s.session.portal.name}${s.session.completedAt ? html` · <time datetime=${s.session.completedAt}>${t.ended(when(s.session.completedAt))}</time>` : nothing}
      </p>
      <dl class="meta">
        ${s.session.agents.length ? html`<dt>${t.agents}</dt><dd>${s.session.agents.map((a) => a.displayName).join(', ')}</dd>` : nothing}
        ${s.applications.length ? html`<dt>${t.applications}</dt><dd>${s.applications.join(', ')}</dd>` : nothing}
        ${s.devices.length ? html`<dt>${t.devices}</dt><dd>${s.devices.join(', ')}</dd>` : nothing}
      </dl>
      <h4>${t.problem}</h4>
      <p class="problem-text">${s.problem}</p>
      <h4>${t.steps}</h4>
      <ol>${s.steps.map((step) => html`<li>${step}</li>`)}</ol>
      <h4>${t.resolution}</h4>
      <p>${s.resolution}</p>
      ${s.followUps.length ? html`<h4>${t.followUps}</h4><ul>${s.followUps.map((f) => html`<li>${f}</li>`)}</ul>` : nothing}
      <p class="byline">
        ${s.editedBy && s.editedAt ? t.editedBy(s.editedBy.displayName, when(s.editedAt)) : t.madeBy(s.summarizer ?? '')}
      </p>
      <div part="actions" class="actions">
        ${may('summaries.edit') ? html`<button type="button" data-action="edit" @click=${() => this.#edit(true)}>${t.edit}</button>` : nothing}
        ${
          may('summaries.export')
            ? (['pdf', 'md', 'json'] as const).map(
                (
                  f,
                ) => html`<button type="button" data-action="export" data-format=${f} @click=${() => void this.#download(f)}>
                  ${t.export} ${f.toUpperCase()}
                </button>`,
              )
            : nothing
        }
        ${
          may('summaries.delete')
            ? this.confirmingDelete
              ? html`<button type="button" class="danger" data-action="confirm-delete" @click=${() => void this.#delete()}>${t.confirmDelete}</button>
                  <button type="button" data-action="cancel-delete" @click=${() => this.#confirm(false)}>${t.cancel}</button>`
              : html`<button type="button" data-action="delete" @click=${() => this.#confirm(true)}>${t.delete}</button>`
            : nothing
        }
      </div>
    </article>`;
  }
}
