import { html, nothing, type TemplateResult } from 'lit';
import type { AdminTerms } from '../shared/admin-translations.js';
import type { Schema } from '../shared/api.js';
import { ALL_EVENTS, webhookEvents } from './webhook-events.js';
import type { WebhooksTerms } from './webhooks-translations.js';

type Endpoint = Schema<'WebhookEndpoint'>;
type CreateBody = Schema<'CreateWebhookEndpointRequest'>;
type UpdateBody = Schema<'UpdateWebhookEndpointRequest'>;

/** What the endpoint form needs from the element showing it. */
export interface WebhookFormView {
  readonly t: WebhooksTerms;
  readonly common: AdminTerms;
  /** The endpoint being edited; none when adding one. */
  readonly endpoint: Endpoint | undefined;
  readonly portals: readonly Schema<'Portal'>[];
  /** Whether "all events" is ticked (the single events are then not offered). */
  readonly allEvents: boolean;
  readonly busy: boolean;
  errorFor(...paths: string[]): string | undefined;
  onAllEvents(all: boolean): void;
  onSubmit(event: SubmitEvent): void;
  onCancel(): void;
}

/** The form's values as a create request. */
export function createBody(form: HTMLFormElement): CreateBody {
  const f = new FormData(form);
  const portalIds = f.getAll('portalIds').map(String);
  const description = String(f.get('description') ?? '').trim();
  return {
    url: String(f.get('url') ?? '').trim(),
    ...(description ? { description } : {}),
    events: (f.get('allEvents') ? [ALL_EVENTS] : f.getAll('events').map(String)) as CreateBody['events'],
    portalIds: portalIds.length ? portalIds : null,
  };
}

/**
 * The form's values as a change of `endpoint`: only what differs, so saving an unchanged "enabled"
 * does not count as enabling it again (which would clear its failure record).
 */
export function updateBody(form: HTMLFormElement, endpoint: Endpoint): UpdateBody {
  const next = createBody(form);
  const enabled = new FormData(form).get('enabled') !== null;
  const same = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) =>
    JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort()) && !a === !b;
  return {
    ...(next.url !== endpoint.url ? { url: next.url } : {}),
    ...((next.description ?? '') !== endpoint.description ? { description: next.description ?? '' } : {}),
    ...(!same(next.events, endpoint.events) ? { events: next.events } : {}),
    ...(!same(next.portalIds, endpoint.portalIds) ? { portalIds: next.portalIds } : {}),
    ...(enabled !== endpoint.enabled ? { enabled } : {}),
  };
}

function describedBy(...ids: (string | false | undefined)[]): string {
  return ids.filter(Boolean).join(' ');
}

/** The add / edit form of a webhook endpoint, each server problem beside its field. */
export function renderWebhookForm(v: WebhookFormView): TemplateResult {
  const { t, common, endpoint: e } = v;
  const urlError = v.errorFor('url');
  const descriptionError = v.errorFor('description');
  const eventsError = v.errorFor('events');
  const portalsError = v.errorFor('portalIds');
  const chosen = new Set(e?.events ?? []);
  const portals = new Set(e?.portalIds ?? []);
  return html`<form @submit=${v.onSubmit} novalidate>
    <div class="field">
      <label for="webhook-url">${t.url}</label>
      <input id="webhook-url" name="url" type="url" required maxlength="2000" inputmode="url" .value=${e?.url ?? ''}
        placeholder="https://crm.example.com/hooks/sightline" aria-invalid=${urlError ? 'true' : 'false'}
        aria-describedby=${describedBy('webhook-url-hint', urlError && 'url-error')} />
      <span class="hint" id="webhook-url-hint">${t.urlHint}</span>
      ${urlError ? html`<p class="error" id="url-error">${urlError}</p>` : nothing}
    </div>
    <div class="field">
      <label for="webhook-description">${t.description} ${common.optional}</label>
      <input id="webhook-description" name="description" maxlength="500" .value=${e?.description ?? ''}
        aria-invalid=${descriptionError ? 'true' : 'false'}
        aria-describedby=${describedBy('webhook-description-hint', descriptionError && 'description-error')} />
      <span class="hint" id="webhook-description-hint">${t.descriptionHint}</span>
      ${descriptionError ? html`<p class="error" id="description-error">${descriptionError}</p>` : nothing}
    </div>
    <fieldset class="field" data-field="events" aria-describedby=${describedBy(eventsError && 'events-error') || nothing}>
      <legend>${t.eventsLegend}</legend>
      <label class="check">
        <input type="checkbox" name="allEvents" value="1" .checked=${v.allEvents}
          aria-invalid=${eventsError ? 'true' : 'false'}
          @change=${(ev: Event) => v.onAllEvents((ev.target as HTMLInputElement).checked)} />
        <span>${t.everyEvent}</span>
      </label>
      <div class="choices">
        ${webhookEvents.map(
          (name) => html`<label class="check">
            <input type="checkbox" name="events" value=${name} ?disabled=${v.allEvents}
              .checked=${v.allEvents || chosen.has(name)} />
            <span><code>${name}</code><small>${t.eventHelp[name] ?? ''}</small></span>
          </label>`,
        )}
      </div>
      ${eventsError ? html`<p class="error" id="events-error">${eventsError}</p>` : nothing}
    </fieldset>
    ${
      v.portals.length
        ? html`<fieldset class="field" data-field="portalIds"
            aria-describedby=${describedBy('webhook-portals-hint', portalsError && 'portalIds-error')}>
            <legend>${t.portalsLegend} ${common.optional}</legend>
            <span class="hint" id="webhook-portals-hint">${t.portalsHint}</span>
            <div class="choices">
              ${v.portals.map(
                (p, i) => html`<label class="check">
                  <input type="checkbox" name="portalIds" value=${p.id} .checked=${portals.has(p.id)}
                    aria-invalid=${portalsError && i === 0 ? 'true' : 'false'} />
                  <span>${p.name}</span>
                </label>`,
              )}
            </div>
            ${portalsError ? html`<p class="error" id="portalIds-error">${portalsError}</p>` : nothing}
          </fieldset>`
        : nothing
    }
    ${
      e
        ? html`<div class="field">
            <label class="check">
              <input type="checkbox" name="enabled" value="1" .checked=${e.enabled} aria-describedby="webhook-enabled-hint" />
              <span>${t.enabledLabel}</span>
            </label>
            <span class="hint" id="webhook-enabled-hint">${t.enabledHint}</span>
          </div>`
        : nothing
    }
    <div class="actions">
      <button type="button" @click=${v.onCancel}>${common.cancel}</button>
      <button type="submit" class="primary" data-action="save" ?disabled=${v.busy}>${e ? common.save : common.create}</button>
    </div>
  </form>`;
}
