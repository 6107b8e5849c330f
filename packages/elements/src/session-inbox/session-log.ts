import type { components } from '@sightline/api-client';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Problem } from '../shared/sdk.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { SightlineElement } from '../shared/sightline-element.js';

type Message = components['schemas']['Message'];

const terms = {
  en: {
    heading: 'Chat and notes',
    loading: 'Loading the chat…',
    empty: 'No chat messages or notes.',
    note: 'Note (staff only)',
    customer: 'Customer',
    failed: 'The chat could not be loaded.',
  },
  de: {
    heading: 'Chat und Notizen',
    loading: 'Chat wird geladen…',
    empty: 'Keine Chatnachrichten oder Notizen.',
    note: 'Notiz (nur für Mitarbeitende)',
    customer: 'Kunde',
    failed: 'Der Chat konnte nicht geladen werden.',
  },
  es: {
    heading: 'Chat y notas',
    loading: 'Cargando el chat…',
    empty: 'No hay mensajes de chat ni notas.',
    note: 'Nota (solo personal)',
    customer: 'Cliente',
    failed: 'No se pudo cargar el chat.',
  },
  pt: {
    heading: 'Chat e notas',
    loading: 'Carregando o chat…',
    empty: 'Sem mensagens de chat nem notas.',
    note: 'Nota (só para a equipe)',
    customer: 'Cliente',
    failed: 'Não foi possível carregar o chat.',
  },
} as const;

/**
 * A session's chat and its staff notes, oldest first, as kept by the server (VS-15): for the
 * console's session details after the call. New lines arrive live from the event stream.
 *
 * @summary The chat and notes log of one session.
 * @csspart log - The list of messages.
 */
export class SightlineSessionLog extends SightlineElement {
  static override properties = {
    sessionId: { attribute: 'session-id' },
    messages: { state: true, attribute: false },
    problem: { state: true, attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.4rem;
        font-size: 1rem;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      .scroll {
        max-height: 20rem;
        overflow: auto;
      }
      li {
        border-inline-start: 3px solid var(--sightline-theme-border, #c4c7c5);
        padding-inline-start: 0.5rem;
      }
      li[data-kind='note'] {
        border-color: var(--sightline-theme-warning, #8a5a00);
      }
      .who {
        font-weight: 600;
      }
      .meta {
        color: #57606a;
        font-size: 0.85rem;
      }
      p.text {
        margin: 0.1rem 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];

  sessionId = '';

  private messages: Message[] | undefined;
  private problem: Problem | undefined;
  #events: { unsubscribe(): void } | undefined;
  #loading = 0;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk') || changed.has('sessionId')) {
      this.#events?.unsubscribe();
      this.#events = this.sdk?.events$.subscribe((e) => {
        if (e.type === 'other' && e.name === 'message.created' && e.sessionId === this.sessionId) {
          void this.load();
        }
      });
      this.messages = undefined;
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#events?.unsubscribe();
    this.#events = undefined;
  }

  /** Reads every page of the session's messages again. */
  async load(): Promise<void> {
    const sdk = this.sdk;
    const id = this.sessionId;
    if (!sdk || !id) return;
    const run = ++this.#loading;
    const all: Message[] = [];
    let after: string | undefined;
    for (;;) {
      const { data, error } = await sdk.api.GET('/v1/sessions/{id}/messages', {
        params: { path: { id }, query: { limit: 500, ...(after ? { after } : {}) } },
      });
      if (run !== this.#loading) return;
      if (error) {
        this.problem = error as Problem;
        return;
      }
      all.push(...data.items);
      if (!data.nextCursor) break;
      after = data.nextCursor;
    }
    this.problem = undefined;
    this.messages = all;
  }

  protected override render(): TemplateResult {
    const t = terms[this.localize.lang];
    return html`<h3 id="log-heading">${t.heading}</h3>
      ${this.problem ? html`<p role="alert">${t.failed}</p>` : nothing}
      ${
        !this.messages
          ? this.problem
            ? nothing
            : html`<p role="status">${t.loading}</p>`
          : this.messages.length === 0
            ? html`<p>${t.empty}</p>`
            : html`<div class="scroll" role="log" aria-labelledby="log-heading" tabindex="0"><ol part="log">
                ${this.messages.map(
                  (m) => html`<li data-kind=${m.kind} data-message=${m.id}>
                    <span class="who">${m.author.kind === 'customer' ? `${m.author.displayName} (${t.customer})` : m.author.displayName}</span>
                    <span class="meta">
                      · <time datetime=${m.createdAt}>${this.localize.dateTime(m.createdAt)}</time>
                      ${m.kind === 'note' ? html`· ${t.note}` : nothing}
                    </span>
                    <p class="text">${m.text}</p>
                  </li>`,
                )}
              </ol></div>`
      }`;
  }
}

if (!customElements.get('sightline-session-log')) {
  customElements.define('sightline-session-log', SightlineSessionLog);
}

declare global {
  interface HTMLElementTagNameMap {
    'sightline-session-log': SightlineSessionLog;
  }
}
