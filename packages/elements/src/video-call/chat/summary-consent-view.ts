import { html, nothing, type TemplateResult } from 'lit';
import type { ConsentTerms } from './consent-translations.js';
import type { DeviceAccess, SummaryConsent } from './summary-consent.js';

/**
 * The customer's AI-summary consent in the call (SI-3): the question while it is open (a polite
 * live region, so it is heard when it appears at call start), then the answer with a control to
 * change it; and the device's own setting when the customer may change it.
 */
export function summaryConsentView(
  consent: SummaryConsent,
  t: ConsentTerms,
): TemplateResult | typeof nothing {
  if (!consent.applies && !consent.device) return nothing;
  const answered = consent.answer;
  const question = consent.asking
    ? html`<fieldset class="consent-question" data-state="asking">
        <legend id="summary-question">${t.question}</legend>
        <button type="button" data-action="summary-allow" ?disabled=${consent.busy} @click=${() => void consent.decide('granted')}>
          ${t.allow}
        </button>
        <button type="button" data-action="summary-deny" ?disabled=${consent.busy} @click=${() => void consent.decide('denied')}>
          ${t.deny}
        </button>
      </fieldset>`
    : consent.applies && answered
      ? html`<p class="consent-answer" data-state=${answered}>
          <span>${answered === 'granted' ? t.allowed : t.denied}</span>
          ${
            answered === 'granted'
              ? html`<button type="button" data-action="summary-revoke" ?disabled=${consent.busy} @click=${() => void consent.decide('revoked')}>
                  ${t.revoke}
                </button>`
              : html`<button type="button" data-action="summary-allow" ?disabled=${consent.busy} @click=${() => void consent.decide('granted')}>
                  ${t.allow}
                </button>`
          }
        </p>`
      : nothing;
  const device = consent.device;
  const options: [DeviceAccess, string][] = [
    ['allowed', t.deviceAllowed],
    ['denied', t.deviceDenied],
    ['after-confirmation', t.deviceAsk],
  ];
  return html`<section part="summary-consent">
    <div aria-live="polite">${question}</div>
    ${
      device
        ? html`<label class="consent-device"
            >${t.device}
            <select
              data-action="summary-device"
              ?disabled=${consent.busy}
              @change=${(e: Event) => void consent.setDeviceAccess((e.target as HTMLSelectElement).value as DeviceAccess)}
            >
              ${options.map(([value, label]) => html`<option value=${value} ?selected=${device.access === value}>${label}</option>`)}
            </select></label
          >`
        : nothing
    }
    ${consent.failed ? html`<p class="error" role="alert">${t.failed}</p>` : nothing}
  </section>`;
}
