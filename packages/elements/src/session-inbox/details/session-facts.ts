// Imported from core directly, not through ../shared/sdk.ts (see video-call/ar-capabilities.ts).
import { isWebUrl } from '@sightline/core/domain';
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiSession, Me, Sightline, WireSession } from '../../shared/sdk.js';
import type { inboxTerms } from '../inbox-translations.js';

/**
 * A ticket link as a link only when it is an absolute http(s) URL (the domain's rule, as the server
 * checks on the way in): a link stored before that check, or by another system, is shown as text.
 */
function ticketLink(url: string) {
  return isWebUrl(url)
    ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${url}</a>`
    : html`<span class="unsafe-link" data-unsafe-link>${url}</span>`;
}

/** What the facts are shown with. */
export interface SessionFactsView {
  t: (typeof inboxTerms)['en'];
  sdk: Sightline | undefined;
  deviceName(id: string): string;
  dateTime(iso: string): string;
  /** Who handles the session, or `empty` when nobody does. */
  holder(s: WireSession, empty: string): string;
}

/**
 * The selected session's facts (VS-4, VS-6): device, reason, tickets, who asked, who handles it
 * (with their presence), when it was asked for, its status and every call.
 */
export function sessionFacts(
  s: WireSession & Partial<ApiSession>,
  me: Me & { kind: 'staff' },
  view: SessionFactsView,
): TemplateResult {
  const { t } = view;
  const who =
    s.requestedBy?.kind === 'staff'
      ? s.requestedBy.userId === me.userId
        ? me.displayName
        : t.byStaff
      : t.byCustomer;
  return html`<dl>
    <dt>${t.device}</dt>
    <dd data-field="device">${view.deviceName(s.deviceId)}</dd>
    <dt>${t.reason}</dt>
    <dd data-field="reason">${s.reason}</dd>
    <dt>${t.tickets}</dt>
    <dd data-field="tickets">
      ${
        s.ticketLinks.length
          ? html`<ul>
              ${s.ticketLinks.map((l) => html`<li>${ticketLink(l)}</li>`)}
            </ul>`
          : t.noTicketsLinked
      }
    </dd>
    <dt>${t.requestedBy}</dt>
    <dd data-field="requested-by">${who}</dd>
    <dt>${t.heldBy}</dt>
    <dd data-field="assignee" tabindex="-1">${view.holder(s, t.unassignedHint)}${s.assigneeIds.map((id) => html`<sightline-presence-badge .sightline=${view.sdk} user-id=${id}></sightline-presence-badge>`)}</dd>
    <dt>${t.created}</dt>
    <dd data-field="created"><time datetime=${s.createdAt}>${view.dateTime(s.createdAt)}</time></dd>
    <dt>${t.statusLabel}</dt>
    <dd data-field="status">
      ${t.status[s.status]}${s.status === 'cancelled' && s.cancelReason ? html` — ${t.cancelledBecause(s.cancelReason)}` : nothing}
    </dd>
    <dt>${t.calls}</dt>
    <dd data-field="calls">
      ${
        s.calls.length
          ? html`<ol>
              ${s.calls.map(
                (c, i) =>
                  html`<li>
                    ${
                      c.endedAt
                        ? html`${t.callRange(
                            i + 1,
                            view.dateTime(c.startedAt),
                            view.dateTime(c.endedAt),
                          )}${c.endReason === 'abandoned' ? ` — ${t.callAbandoned}` : ''}`
                        : t.callOngoing(i + 1, view.dateTime(c.startedAt))
                    }
                  </li>`,
              )}
            </ol>`
          : t.noCalls
      }
    </dd>
  </dl>`;
}
