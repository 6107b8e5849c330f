import { html, nothing, type TemplateResult } from 'lit';
import type { CallRecording } from './call-recording.js';
import type { RecordingTerms } from './recording-translations.js';

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The recording indicator both sides see while a recording runs (a status, so it is announced once
 * when it appears), with the elapsed time on the recording side; the upload's progress and outcome.
 */
export function recordingStatus(rec: CallRecording, t: RecordingTerms): TemplateResult | typeof nothing {
  const p = rec.progress;
  const here = rec.recordingHere;
  const indicator =
    here || rec.running
      ? html`<span part="recording" class="recording-indicator" data-state="recording">
          <span class="dot" aria-hidden="true"></span>${here && p ? t.recordingFor(clock(p.durationMs)) : t.recording}
        </span>`
      : nothing;
  let line: TemplateResult | typeof nothing = nothing;
  if (p?.state === 'uploading') {
    const percent = p.total ? Math.floor((100 * p.uploaded) / p.total) : 0;
    line = html`<progress part="recording-upload" max="100" value=${percent} aria-label=${t.uploading(percent)}></progress>
      <span>${t.uploading(percent)}</span>`;
  } else if (p?.state === 'uploaded') line = html`<span>${t.uploaded}</span>`;
  else if (p?.state === 'failed' || rec.failed) line = html`<span class="error">${t.failed}</span>`;
  if (p?.reason === 'size-limit' && !here) line = html`${line} <span>${t.sizeLimit}</span>`;
  if (p?.reason === 'consent-revoked' && !here) line = html`${line} <span>${t.consentRevoked}</span>`;
  if (indicator === nothing && line === nothing && !rec.localId) return nothing;
  return html`<div class="recording-status" role="status">
    ${indicator} ${line}
    ${
      rec.localId
        ? html`<span>${t.local}</span>
            <button type="button" data-action="save-recording" @click=${() => void rec.saveLocal()}>${t.save}</button>`
        : nothing
    }
  </div>`;
}

/** Staff's Record toggle: disabled, with the reason, until the customer has consented (VS-10). */
export function recordButton(
  rec: CallRecording,
  t: RecordingTerms,
  live: boolean,
): TemplateResult | typeof nothing {
  if (!rec.mayRecord) return nothing;
  const here = rec.recordingHere;
  const waiting = rec.consent !== 'granted' && !here;
  return html`<button
      data-action="record"
      aria-pressed=${here ? 'true' : 'false'}
      aria-describedby=${waiting ? 'record-waiting' : nothing}
      title=${waiting ? t.waitingForConsent : here ? t.stop : t.record}
      ?disabled=${!live || rec.busy || waiting || (!here && !!rec.running)}
      @click=${() => void rec.toggle()}
    >
      ${here ? t.stop : t.record}
    </button>
    ${waiting ? html`<span id="record-waiting" class="visually-hidden">${t.waitingForConsent}</span>` : nothing}`;
}

/** The customer's recording question on the call screen, and their answer with a way to change it. */
export function recordingConsentView(rec: CallRecording, t: RecordingTerms): TemplateResult | typeof nothing {
  if (!rec.asksCustomer) return nothing;
  const answer = rec.consent;
  const body =
    answer === 'not-asked'
      ? html`<fieldset class="consent-question" data-state="asking">
          <legend>${t.question}</legend>
          <button type="button" data-action="recording-allow" ?disabled=${rec.busy} @click=${() => void rec.answer('granted')}>
            ${t.allow}
          </button>
          <button type="button" data-action="recording-deny" ?disabled=${rec.busy} @click=${() => void rec.answer('denied')}>
            ${t.deny}
          </button>
        </fieldset>`
      : html`<p class="consent-answer" data-state=${answer}>
          <span>${answer === 'granted' ? t.allowed : t.denied}</span>
          ${
            answer === 'granted'
              ? html`<button type="button" data-action="recording-revoke" ?disabled=${rec.busy} @click=${() => void rec.answer('revoked')}>
                  ${t.withdraw}
                </button>`
              : html`<button type="button" data-action="recording-allow" ?disabled=${rec.busy} @click=${() => void rec.answer('granted')}>
                  ${t.allowAgain}
                </button>`
          }
        </p>`;
  return html`<section part="recording-consent"><div aria-live="polite">${body}</div></section>`;
}
