import { html, nothing, type TemplateResult } from 'lit';
import type { Terms } from '../shared/translations.js';
import type { Field, FlowDevice } from './request-validation.js';

/** What the request form's text fields show, and where their changes go. */
export interface RequestFieldsState {
  devices: readonly FlowDevice[];
  deviceId: string;
  reason: string;
  tickets: string;
  errors: Partial<Record<Field, string>>;
  /** A field's new value (its error, if any, is cleared). */
  change(field: 'deviceId' | 'reason' | 'tickets', value: string): void;
  /** The ticket links were left: check them and show the first bad line. */
  checkTickets(): void;
}

/**
 * The request form's fields before its consent questions (VS-1): the device when the code reaches
 * more than one, the reason (required), and linked tickets, one link per line — each with its error
 * tied to it for assistive technology.
 */
export function requestFields(t: Terms, f: RequestFieldsState): TemplateResult {
  const e = f.errors;
  const value = (ev: Event) => (ev.target as HTMLInputElement).value;
  return html`${
    f.devices.length > 1
      ? html`<div class="field">
          <label for="device">${t.device}</label>
          <select
            id="device"
            aria-invalid=${e.device ? 'true' : 'false'}
            aria-describedby=${e.device ? 'device-error' : nothing}
            @change=${(ev: Event) => f.change('deviceId', value(ev))}
          >
            ${f.devices.map((d) => html`<option value=${d.id} ?selected=${d.id === f.deviceId}>${d.name}</option>`)}
          </select>
          ${e.device ? html`<p class="error" id="device-error">${e.device}</p>` : nothing}
        </div>`
      : nothing
  }
    <div class="field">
      <label for="reason">${t.reason}</label>
      <textarea
        id="reason"
        name="reason"
        required
        aria-required="true"
        aria-invalid=${e.reason ? 'true' : 'false'}
        aria-describedby=${e.reason ? 'reason-error' : nothing}
        .value=${f.reason}
        @input=${(ev: Event) => f.change('reason', value(ev))}
      ></textarea>
      ${e.reason ? html`<p class="error" id="reason-error">${e.reason}</p>` : nothing}
    </div>
    <div class="field">
      <label for="tickets">${t.tickets}</label>
      <textarea
        id="tickets"
        name="tickets"
        aria-invalid=${e.tickets ? 'true' : 'false'}
        aria-describedby=${e.tickets ? 'tickets-hint tickets-error' : 'tickets-hint'}
        .value=${f.tickets}
        @input=${(ev: Event) => f.change('tickets', value(ev))}
        @blur=${f.checkTickets}
      ></textarea>
      <span class="hint" id="tickets-hint">${t.ticketsHint}</span>
      ${e.tickets ? html`<p class="error" id="tickets-error">${e.tickets}</p>` : nothing}
    </div>`;
}
