import { html, nothing, type TemplateResult } from 'lit';
import type { Terms } from '../shared/translations.js';
import type { Consent } from './request-validation.js';

/**
 * A required yes/no question of the request form, as a radio group with its error: recording
 * (VS-10) or the AI summary (SI-3).
 */
export function consentQuestion(
  t: Terms,
  field: 'consent' | 'summaryConsent',
  value: Consent,
  error: string | undefined,
  choose: (answer: Consent) => void,
): TemplateResult {
  const texts =
    field === 'consent'
      ? { question: t.consentQuestion, yes: t.consentYes, no: t.consentNo }
      : { question: t.summaryConsentQuestion, yes: t.summaryConsentYes, no: t.summaryConsentNo };
  return html`<fieldset
    class="field"
    role="radiogroup"
    aria-required=${field === 'consent' ? 'true' : 'false'}
    aria-invalid=${error ? 'true' : 'false'}
    aria-describedby=${error ? `${field}-error` : nothing}
    tabindex=${error ? '-1' : nothing}
  >
    <legend>${texts.question}</legend>
    <label class="choice"
      ><input type="radio" name=${field} value="granted" .checked=${value === 'granted'} @change=${() => choose('granted')} />
      ${texts.yes}</label
    >
    <label class="choice"
      ><input type="radio" name=${field} value="denied" .checked=${value === 'denied'} @change=${() => choose('denied')} />
      ${texts.no}</label
    >
    ${error ? html`<p class="error" id="${field}-error">${error}</p>` : nothing}
  </fieldset>`;
}
