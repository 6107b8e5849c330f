import { html, nothing, type TemplateResult } from 'lit';
import type { WireSession } from '../../shared/sdk.js';
import type { inboxTerms } from '../inbox-translations.js';

type Status = WireSession['status'];

/** The order of the status groups: what needs attention first. */
const GROUPS: readonly Status[] = ['requested', 'confirmed', 'running', 'completed', 'closed', 'cancelled'];
const OPEN: ReadonlySet<Status> = new Set(['requested', 'confirmed', 'running', 'completed']);

/** How the list is shown: its filter, the selection, and the texts and names of its rows. */
export interface SessionListView {
  /** `open`: everything not closed or cancelled; `all`. */
  filter: 'open' | 'all';
  selectedId: string;
  t: (typeof inboxTerms)['en'];
  deviceName(id: string): string;
  dateTime(iso: string): string;
  holder(s: WireSession): string;
  select(id: string): void;
}

/** The session list, grouped by status (VS-3, VS-8); the selected session is marked current. */
export function sessionList(list: readonly WireSession[], view: SessionListView): TemplateResult {
  const { t } = view;
  const shown = view.filter === 'all' ? list : list.filter((s) => OPEN.has(s.status));
  const groups = GROUPS.map((status) => ({
    status,
    items: shown.filter((s) => s.status === status),
  })).filter((g) => g.items.length > 0);
  return html`<nav part="list" aria-labelledby="heading">
    ${groups.length === 0 ? html`<p>${t.noSessions}</p>` : nothing}
    ${groups.map(
      (g) => html`<h3 id=${`group-${g.status}`}>${t.status[g.status]} (${g.items.length})</h3>
        <ul aria-labelledby=${`group-${g.status}`}>
          ${g.items.map(
            (s) => html`<li>
              <button
                part="item"
                data-session=${s.id}
                aria-current=${s.id === view.selectedId ? 'true' : 'false'}
                @click=${() => view.select(s.id)}
              >
                <span>${s.reason}</span>
                <span class="meta">${view.deviceName(s.deviceId)} · ${view.dateTime(s.createdAt)}</span>
                <span class="meta" data-holder>${view.holder(s)}</span>
              </button>
            </li>`,
          )}
        </ul>`,
    )}
  </nav>`;
}
