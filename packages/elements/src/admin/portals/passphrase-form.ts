import { html, nothing, type TemplateResult } from 'lit';
import type { PassphraseTerms } from './passphrase-translations.js';

/** The portal's passphrase status as `GET /v1/portals/{id}/replay-passphrase` answers it. */
export interface PassphraseStatus {
  protected: boolean;
  setAt: string | null;
}

/** What the passphrase form needs from the portals element. */
export interface PassphraseFormContext {
  t: PassphraseTerms;
  status: PassphraseStatus | undefined;
  busy: boolean;
  dateTime(iso: string): string;
  errorFor(...paths: string[]): string | undefined;
  remove(): void;
}

const field = (c: PassphraseFormContext, id: string, label: string, autocomplete: string, path: string) => {
  const error = c.errorFor(path);
  return html`<label class="field" for=${id}>${label}
    <input id=${id} name=${id} type="password" required autocomplete=${autocomplete}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing} />
    ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}</label>`;
};

/**
 * A portal's replay passphrase (MC-13): its status, setting or changing it (the account password,
 * the current passphrase when one is set, the new one twice) and removing it — with the warning that
 * a lost passphrase cannot be reset.
 */
export function renderPassphraseForm(c: PassphraseFormContext): TemplateResult {
  const { t, status } = c;
  if (!status) return html`<p class="muted" role="status">…</p>`;
  return html`<p data-state=${status.protected ? 'protected' : 'open'}>
      ${status.protected && status.setAt ? t.protectedSince(c.dateTime(status.setAt)) : t.notProtected}
    </p>
    <p class="muted">${t.noReset}</p>
    ${field(c, 'account-password', t.password, 'current-password', 'body.password')}
    ${status.protected ? field(c, 'current-passphrase', t.current, 'off', 'body.currentPassphrase') : nothing}
    ${field(c, 'new-passphrase', t.next, 'new-password', 'body.passphrase')}
    ${field(c, 'repeat-passphrase', t.repeat, 'new-password', 'body.repeat')}
    ${
      status.protected
        ? html`<p class="muted">${t.removeHint}</p>
            <button type="button" data-action="remove-passphrase" ?disabled=${c.busy} @click=${() => c.remove()}>
              ${t.remove}
            </button>`
        : nothing
    }`;
}
