import type { components, operations } from '@sightline/api-client';
import { css, html, nothing, type TemplateResult } from 'lit';
import { dayStart } from '../shared/days.js';
import { emit } from '../shared/events.js';
import type { Problem } from '../shared/sdk.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { SightlineElement } from '../shared/sightline-element.js';
import { searchTerms } from './search-translations.js';

type Session = components['schemas']['Session'];
type Status = components['schemas']['SessionStatus'];
type Query = NonNullable<operations['listSessions']['parameters']['query']>;

const STATUSES: readonly Status[] = ['requested', 'confirmed', 'running', 'completed', 'closed', 'cancelled'];

/**
 * @tagname sightline-session-search
 * @summary Finds sessions for staff (MC-10): by a session id or words of the reason, status and the
 * day range they were requested in — searched by the server over everything the signed-in user may
 * see, newest first, a page at a time.
 *
 * @event {CustomEvent<{ sessionId: string }>} sightline-session-select - A session in the results was chosen.
 * @event {CustomEvent<Problem>} sightline-error - A search failed; the detail is the problem.
 *
 * @csspart form - The search form.
 * @csspart results - The list of sessions found.
 * @csspart result - One session found (a button).
 * @csspart more - The "show more" button.
 *
 * @example
 * <sightline-provider base-url="https://support.example.com" token="…"><sightline-session-search></sightline-session-search></sightline-provider>
 */
export class SightlineSessionSearch extends SightlineElement {
  static override properties = {
    limit: { type: Number },
    text: { state: true, attribute: false },
    status: { state: true, attribute: false },
    from: { state: true, attribute: false },
    to: { state: true, attribute: false },
    results: { state: true, attribute: false },
    nextCursor: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    problem: { state: true, attribute: false },
    rangeError: { state: true, attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 0.5rem;
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
        align-items: end;
      }
      form .field {
        margin: 0;
      }
      ul {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.25rem;
      }
      [part='result'] {
        width: 100%;
        text-align: left;
        display: grid;
        border-color: var(--sightline-color-border);
        color: var(--sightline-color-text);
      }
      .meta {
        color: var(--sightline-color-muted);
        font-size: 0.875em;
      }
    `,
  ];

  /** Sessions per page (1–100). */
  limit = 25;

  private text = '';
  private status: Status | '' = '';
  private from = '';
  private to = '';
  private results: Session[] | undefined;
  private nextCursor: string | null = null;
  private busy = false;
  private problem: Problem | undefined;
  private rangeError = false;
  #query: Query = {};

  /** Searches with the current fields (what the Search button does). */
  async search(): Promise<void> {
    this.rangeError = Boolean(this.from && this.to && this.from > this.to);
    if (this.rangeError) return;
    this.#query = {
      ...(this.text.trim() ? { q: this.text.trim() } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.from ? { from: dayStart(this.from) } : {}),
      ...(this.to ? { to: dayStart(this.to, 1) } : {}),
    };
    this.results = undefined;
    await this.#page(undefined);
  }

  async #page(cursor: string | undefined): Promise<void> {
    const sdk = this.sdk;
    if (!sdk) return;
    this.busy = true;
    this.problem = undefined;
    const { data, error } = await sdk.api.GET('/v1/sessions', {
      params: { query: { ...this.#query, limit: this.limit, ...(cursor ? { cursor } : {}) } },
    });
    this.busy = false;
    if (error) {
      this.problem = error as Problem;
      emit(this, 'sightline-error', error);
      return;
    }
    this.results = [...(cursor ? (this.results ?? []) : []), ...data.items];
    this.nextCursor = data.nextCursor;
  }

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    void this.search();
  }

  protected override render(): TemplateResult {
    const t = searchTerms[this.localize.lang];
    const input = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
    return html`<section aria-labelledby="search-heading" lang=${this.localize.lang}>
      <h2 id="search-heading">${t.searchHeading}</h2>
      <form part="form" role="search" @submit=${this.#submit}>
        <div class="field">
          <label for="q">${t.searchText}</label>
          <input id="q" type="search" maxlength="200" .value=${this.text} @input=${input((v) => (this.text = v))} />
        </div>
        <div class="field">
          <label for="status">${t.searchStatus}</label>
          <select id="status" @change=${input((v) => (this.status = v as Status | ''))}>
            <option value="" ?selected=${this.status === ''}>${t.anyStatus}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t.status[s]}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${t.searchFrom}</label>
          <input
            id="from"
            type="date"
            .value=${this.from}
            aria-invalid=${this.rangeError ? 'true' : 'false'}
            aria-describedby=${this.rangeError ? 'range-error' : nothing}
            @input=${input((v) => (this.from = v))}
          />
        </div>
        <div class="field">
          <label for="to">${t.searchTo}</label>
          <input id="to" type="date" .value=${this.to} @input=${input((v) => (this.to = v))} />
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy || !this.sdk}>${t.searchButton}</button>
      </form>
      ${this.rangeError ? html`<p class="error" id="range-error" role="alert">${t.rangeInvalid}</p>` : nothing}
      ${this.problem ? html`<p class="alert" role="alert">${this.localize.problem(this.problem)}</p>` : nothing}
      ${this.#results(t)}
    </section>`;
  }

  #results(t: (typeof searchTerms)['en']): TemplateResult | typeof nothing {
    const found = this.results;
    if (!found) return this.busy ? html`<p role="status">${t.loading}</p>` : nothing;
    return html`<p role="status" aria-live="polite">${t.found(found.length, this.nextCursor !== null)}</p>
      <ul part="results">
        ${found.map(
          (s) => html`<li>
            <button
              part="result"
              data-session=${s.id}
              @click=${() => emit(this, 'sightline-session-select', { sessionId: s.id })}
            >
              <span>${s.reason}</span>
              <span class="meta">${t.status[s.status]} · ${this.localize.dateTime(s.createdAt)}</span>
            </button>
          </li>`,
        )}
      </ul>
      ${
        this.nextCursor
          ? html`<button part="more" ?disabled=${this.busy} @click=${() => this.#page(this.nextCursor ?? undefined)}>
              ${t.loadMore}
            </button>`
          : nothing
      }`;
  }
}
