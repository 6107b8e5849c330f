import { html, nothing, type TemplateResult } from 'lit';
import type { Sightline, WireSession } from '../../shared/sdk.js';
import type { inboxTerms } from '../inbox-translations.js';
import '../../summary-viewer/summary-viewer.js';
import '../../rating/rating-form.js';
import '../session-log.js';
import '../../session-details/session-details.js';

/**
 * What a completed or closed session keeps: its AI summary (SI-1), the holder's rating (MC-15), its
 * chat and notes (VS-15) and its screenshots, recordings and call quality (MC-10).
 */
export function completedSession(
  s: WireSession,
  sdk: Sightline | undefined,
  t: (typeof inboxTerms)['en'],
): TemplateResult | typeof nothing {
  return s.status === 'completed' || s.status === 'closed'
    ? html`<section part="summary" aria-labelledby="summary-heading">
          <h3 id="summary-heading">${t.aiSummary}</h3>
          <sightline-summary-viewer session-id=${s.id} .sightline=${sdk}></sightline-summary-viewer>
        </section>
        <sightline-rating-form part="rating" session-id=${s.id} .sightline=${sdk}></sightline-rating-form>
        <sightline-session-log part="messages" session-id=${s.id} .sightline=${sdk}></sightline-session-log>
        <sightline-session-details part="record" session-id=${s.id} include="screenshots recordings diagnostics" .sightline=${sdk}></sightline-session-details>`
    : nothing;
}
