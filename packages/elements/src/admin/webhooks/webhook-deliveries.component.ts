import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { adminStyles } from '../shared/admin.styles.js';
import { AdminElement } from '../shared/admin-element.js';
import type { Schema } from '../shared/api.js';
import { type DeliveriesTerms, deliveriesTranslations } from './webhook-deliveries-translations.js';

type Delivery = Schema<'WebhookDelivery'>;
type DeliveryDetail = Schema<'WebhookDeliveryDetail'>;
type Status = Delivery['status'];

const PAGE = 20;
/** How often deliveries still pending are looked at again, while the log is shown. */
const POLL_MS = 1500;

/**
 * @tagname sightline-admin-webhook-deliveries
 * @summary One webhook endpoint's delivery log (SI-12), newest first: filter by status, load more by
 * cursor, open a delivery to see its attempts (time, status code, duration, error, the start of the
 * answer) and the body sent, and retry a failed one. Pending deliveries update by themselves.
 *
 * @event {CustomEvent<Problem>} sightline-error - An action failed; the detail is the problem.
 * @csspart base - The frame.
 * @csspart table - The delivery table.
 * @csspart attempts - The attempts table of an open delivery.
 *
 * @example
 * <sightline-admin-webhook-deliveries endpoint-id="whe_…"></sightline-admin-webhook-deliveries>
 */
export class SightlineAdminWebhookDeliveries extends AdminElement {
  static override properties = {
    endpointId: { attribute: 'endpoint-id' },
    items: { state: true, attribute: false },
    nextCursor: { state: true, attribute: false },
    status: { state: true, attribute: false },
    loaded: { state: true, attribute: false },
    open: { state: true, attribute: false },
  };
  static override styles = [
    adminStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem;
        margin-block-end: 0.75rem;
      }
      .filters .field {
        margin: 0;
      }
      tr.detail > td {
        background: var(--sightline-admin-subtle);
      }
      tr.detail table {
        background: var(--sightline-color-surface);
      }
      .tag[data-status='failed'] {
        border-color: var(--sightline-color-danger, #b42318);
        color: var(--sightline-color-danger, #b42318);
      }
      .tag[data-status='delivered'] {
        border-color: var(--sightline-admin-success);
        color: var(--sightline-admin-success);
      }
      pre {
        margin: 0.25rem 0 0;
        max-height: 12rem;
        overflow: auto;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 0.85em;
      }
      pre.excerpt {
        max-height: none;
        overflow: visible;
      }
      .more {
        margin-block-start: 0.75rem;
      }
    `,
  ];

  /** The endpoint whose deliveries are shown. */
  endpointId = '';

  private items: Delivery[] = [];
  private nextCursor: string | null = null;
  private status: Status | '' = '';
  private loaded = false;
  /** Open deliveries with their attempts, by id. */
  private open = new Map<string, DeliveryDetail>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Requests asked so far, and per delivery which one's answer it shows. */
  #asked = 0;
  #shown = new Map<string, number>();

  /**
   * Whether the answer to request `asked` may show `d`: not when the answer to a later request shows
   * it already (a poll that left before an attempt was recorded must not hide it again).
   */
  #fresh(d: Delivery, asked: number): boolean {
    if ((this.#shown.get(d.id) ?? 0) > asked) return false;
    this.#shown.set(d.id, asked);
    return true;
  }

  /** `page`'s deliveries, each unless a later answer shows it already. */
  #newest(page: readonly Delivery[], asked: number): Delivery[] {
    return page.map((d) => (this.#fresh(d, asked) ? d : (this.items.find((x) => x.id === d.id) ?? d)));
  }

  get #t(): DeliveriesTerms {
    return deliveriesTranslations[this.language];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.loaded) this.#schedule();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('endpointId') && changed.get('endpointId') !== undefined) {
      this.items = [];
      this.open = new Map();
      this.loaded = false;
      void this.load();
    }
  }

  async #page(cursor?: string) {
    const api = this.api;
    const id = this.endpointId;
    if (!api || !id) return undefined;
    const asked = ++this.#asked;
    const query = {
      limit: PAGE,
      ...(this.status ? { status: this.status } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const r = await this.call(() =>
      api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id }, query } }),
    );
    return r && id === this.endpointId ? { ...r.data, items: this.#newest(r.data.items, asked) } : undefined;
  }

  /** The newest page again (after a filter change, a test event or Refresh); open deliveries stay open. */
  protected override async load(): Promise<void> {
    const page = await this.#page();
    if (!page) return;
    this.items = page.items;
    this.nextCursor = page.nextCursor;
    this.loaded = true;
    for (const id of this.open.keys()) if (!page.items.some((d) => d.id === id)) this.open.delete(id);
    await Promise.all([...this.open.keys()].map((id) => this.#detail(id)));
    this.#schedule();
  }

  async #more(): Promise<void> {
    if (!this.nextCursor) return;
    const page = await this.#page(this.nextCursor);
    if (!page) return;
    const known = new Set(this.items.map((d) => d.id));
    this.items = [...this.items, ...page.items.filter((d) => !known.has(d.id))];
    this.nextCursor = page.nextCursor;
    this.#schedule();
  }

  /** Fetches one delivery with its attempts and puts it in the list (and among the open ones). */
  async #detail(deliveryId: string, keepOpen = true): Promise<DeliveryDetail | undefined> {
    const api = this.api;
    if (!api) return undefined;
    const asked = ++this.#asked;
    const { data } = await api.GET('/v1/webhooks/{id}/deliveries/{deliveryId}', {
      params: { path: { id: this.endpointId, deliveryId } },
    });
    if (!data || !this.#fresh(data, asked)) return undefined;
    this.items = this.items.map((d) => (d.id === data.id ? data : d));
    if (keepOpen && this.open.has(data.id)) this.open = new Map(this.open).set(data.id, data);
    return data;
  }

  async #toggle(d: Delivery): Promise<void> {
    if (this.open.has(d.id)) {
      const open = new Map(this.open);
      open.delete(d.id);
      this.open = open;
      return;
    }
    const api = this.api;
    if (!api) return;
    const asked = ++this.#asked;
    const r = await this.call(() =>
      api.GET('/v1/webhooks/{id}/deliveries/{deliveryId}', {
        params: { path: { id: this.endpointId, deliveryId: d.id } },
      }),
    );
    if (!r) return;
    // A later answer about it came first: ask again, so it opens with attempts as new as that.
    if (!this.#fresh(r.data, asked)) {
      const again = await this.#detail(d.id, false);
      if (again) this.open = new Map(this.open).set(d.id, again);
      return;
    }
    this.open = new Map(this.open).set(d.id, r.data);
    this.items = this.items.map((x) => (x.id === r.data.id ? r.data : x));
  }

  async #retry(d: Delivery): Promise<void> {
    const api = this.api;
    if (!api) return;
    const asked = ++this.#asked;
    const r = await this.call(() =>
      api.POST('/v1/webhooks/{id}/deliveries/{deliveryId}/retry', {
        params: { path: { id: this.endpointId, deliveryId: d.id } },
      }),
    );
    if (!r) return;
    if (this.#fresh(r.data, asked)) this.items = this.items.map((x) => (x.id === d.id ? r.data : x));
    if (!this.open.has(d.id)) await this.#toggle(r.data);
    else await this.#detail(d.id);
    this.notice = this.#t.retried;
    this.#schedule();
  }

  /** While deliveries on the page are pending, looks at them again shortly. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.isConnected || !this.items.some((d) => d.status === 'pending')) return;
    this.#timer = setTimeout(async () => {
      const pending = this.items.filter((d) => d.status === 'pending').slice(0, 10);
      await Promise.all(pending.map((d) => this.#detail(d.id)));
      this.#schedule();
    }, POLL_MS);
  }

  #when(iso: string | null): string {
    return iso ? this.localize.dateTime(iso) : this.common.none;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    return html`<div part="base">
      <div class="filters">
        <div class="field">
          <label for="delivery-status">${t.filter}</label>
          <select id="delivery-status" .value=${this.status} @change=${(e: Event) => {
            this.status = (e.target as HTMLSelectElement).value as Status | '';
            void this.load();
          }}>
            <option value="">${t.any}</option>
            ${(['failed', 'pending', 'delivered'] as const).map((s) => html`<option value=${s}>${t.statuses[s]}</option>`)}
          </select>
        </div>
        <button type="button" data-action="refresh" @click=${() => this.load()}>${t.refresh}</button>
      </div>
      ${this.renderProblem()} ${this.renderNotice()}
      ${!this.loaded ? (this.problem ? nothing : html`<p class="muted">${this.common.loading}</p>`) : this.#renderTable()}
    </div>`;
  }

  #renderTable(): TemplateResult {
    const t = this.#t;
    if (!this.items.length) return html`<p class="empty">${this.status ? t.noMatching : t.noDeliveries}</p>`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.heading}>
        <table part="table">
          <thead>
            <tr>
              <th scope="col">${t.event}</th>
              <th scope="col">${t.result}</th>
              <th scope="col">${t.created}</th>
              <th scope="col" class="hide-narrow">${t.attempts}</th>
              <th scope="col"><span class="visually-hidden">${this.common.actions}</span></th>
            </tr>
          </thead>
          <tbody>
            ${this.items.map((d) => this.#renderRow(d))}
          </tbody>
        </table>
      </div>
      ${
        this.nextCursor
          ? html`<button type="button" class="more" data-action="load-more" ?disabled=${this.busy} @click=${() => this.#more()}>${t.loadMore}</button>`
          : nothing
      }`;
  }

  #renderRow(d: Delivery): TemplateResult {
    const t = this.#t;
    const detail = this.open.get(d.id);
    const when = this.#when(d.createdAt);
    return html`<tr data-delivery=${d.id} data-event=${d.eventType} data-status=${d.status}>
        <th scope="row"><code>${d.eventType}</code></th>
        <td>
          <span class="tag" data-status=${d.status}>${t.statuses[d.status] ?? d.status}</span>
          ${d.lastStatusCode !== null ? html`<code>${d.lastStatusCode}</code>` : nothing}
        </td>
        <td>${when}</td>
        <td class="hide-narrow">${d.attemptCount}</td>
        <td class="actions-cell">
          <button type="button" data-action="details" aria-expanded=${detail ? 'true' : 'false'}
            aria-controls="detail-${d.id}" aria-label=${t.detailsOf(d.eventType, when)} @click=${() => this.#toggle(d)}>${t.details}</button>
          ${
            d.status === 'failed'
              ? html`<button type="button" data-action="retry" aria-label=${t.retryOf(d.eventType)} ?disabled=${this.busy}
                  @click=${() => this.#retry(d)}>${t.retry}</button>`
              : nothing
          }
        </td>
      </tr>
      ${detail ? this.#renderDetail(detail) : nothing}`;
  }

  #renderDetail(d: DeliveryDetail): TemplateResult {
    const t = this.#t;
    return html`<tr class="detail" id="detail-${d.id}" data-detail=${d.id}>
      <td colspan="5">
        <p>
          ${t.webhookId}: <code>${d.id}</code>
          ${d.deliveredAt ? html` · ${t.deliveredAt(this.#when(d.deliveredAt))}` : nothing}
          ${d.status === 'pending' && d.nextAttemptAt ? html` · ${t.nextAttempt(this.#when(d.nextAttemptAt))}` : nothing}
        </p>
        ${
          d.attempts.length
            ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.attemptsOf(d.eventType)}>
                <table part="attempts">
                  <thead>
                    <tr>
                      <th scope="col">${t.at}</th>
                      <th scope="col">${t.statusCode}</th>
                      <th scope="col">${t.duration}</th>
                      <th scope="col">${t.error}</th>
                      <th scope="col">${t.response}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${d.attempts.map(
                      (a) => html`<tr data-attempt data-status-code=${a.statusCode ?? ''}>
                        <td>${this.#when(a.at)}</td>
                        <td>${a.statusCode ?? t.noAnswer}</td>
                        <td>${t.ms(a.durationMs)}</td>
                        <td>${a.error ?? this.common.none}</td>
                        <td>${a.responseExcerpt ? html`<pre class="excerpt">${a.responseExcerpt}</pre>` : this.common.none}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p class="muted">${t.noAttempts}</p>`
        }
        <h3>${t.body}</h3>
        <pre tabindex="0" role="region" aria-label=${t.body}>${JSON.stringify(d.payload, null, 2)}</pre>
      </td>
    </tr>`;
  }
}
