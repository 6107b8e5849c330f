import { html, nothing, type TemplateResult } from 'lit';
import type { inboxTerms } from '../inbox-translations.js';
import type { InboxDevice } from '../list/inbox-devices.js';
import type { NewSession } from './new-session.js';

/** The "New session" form: a device and a reason, each with its error beside it. */
export function newSessionForm(
  form: NewSession,
  devices: readonly InboxDevice[],
  t: (typeof inboxTerms)['en'],
  busy: boolean,
): TemplateResult {
  const e = form.errors;
  return html`<form part="new-session" novalidate aria-labelledby="new-heading" @submit=${(ev: SubmitEvent) => form.create(ev)}>
    <h3 id="new-heading">${t.newSession}</h3>
    <div class="field">
      <label for="new-device">${t.device}</label>
      <select
        id="new-device"
        aria-invalid=${e.device ? 'true' : 'false'}
        aria-describedby=${e.device ? 'new-device-error' : nothing}
        @change=${(ev: Event) => form.chooseDevice((ev.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!form.deviceId}>${t.chooseDevice}</option>
        ${devices.map((d) => html`<option value=${d.id} ?selected=${d.id === form.deviceId}>${d.name}</option>`)}
      </select>
      ${e.device ? html`<p class="error" id="new-device-error">${e.device}</p>` : nothing}
    </div>
    <div class="field">
      <label for="new-reason">${t.reason}</label>
      <textarea
        id="new-reason"
        aria-required="true"
        aria-invalid=${e.reason ? 'true' : 'false'}
        aria-describedby=${e.reason ? 'new-reason-error' : nothing}
        .value=${form.reason}
        @input=${(ev: Event) => form.editReason((ev.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${e.reason ? html`<p class="error" id="new-reason-error">${e.reason}</p>` : nothing}
    </div>
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${busy}>${t.createSession}</button>
      <button type="button" @click=${() => form.close()}>${t.back}</button>
    </div>
  </form>`;
}
