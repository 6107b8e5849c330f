import { html, nothing, type TemplateResult } from 'lit';
import type { Me, WireSession } from '../../shared/sdk.js';
import type { inboxTerms } from '../inbox-translations.js';
import type { ActionRunner } from './action-runner.js';
import type { LifecycleAction, SessionActions } from './session-actions.js';

type Terms = (typeof inboxTerms)['en'];

/**
 * The buttons of the actions the rules allow on the session now, in the order they are offered:
 * claim, confirm, start the call (`startCall`, from the call), close, reopen, cancel; then the
 * cancel form while it is open.
 */
export function sessionActions(
  actions: SessionActions,
  runner: ActionRunner,
  allowed: ReadonlySet<string>,
  s: WireSession,
  me: Me & { kind: 'staff' },
  t: Terms,
  startCall: TemplateResult | typeof nothing,
): TemplateResult {
  const button = (action: LifecycleAction, label: string, kind = '') =>
    html`<button class=${kind} data-action=${action} ?disabled=${runner.busy} @click=${() => actions.lifecycle(action)}>
      ${label}
    </button>`;
  return html`<div class="actions">
      ${
        actions.mayClaim(s, me)
          ? html`<button class="primary" data-action="claim" ?disabled=${runner.busy} @click=${() => actions.claim()}>${t.claim}</button>`
          : nothing
      }
      ${allowed.has('confirm') ? button('confirm', t.confirm, 'primary') : nothing}
      ${startCall}
      ${allowed.has('close') ? button('close', t.close) : nothing}
      ${allowed.has('reopen') ? button('reopen', t.reopen) : nothing}
      ${
        allowed.has('cancel') && !actions.cancelling
          ? html`<button class="danger" data-action="cancel" @click=${() => actions.askCancel()}>
              ${t.cancel}
            </button>`
          : nothing
      }
    </div>
    ${allowed.has('cancel') && actions.cancelling ? cancelForm(actions, runner, t) : nothing}`;
}

function cancelForm(actions: SessionActions, runner: ActionRunner, t: Terms): TemplateResult {
  return html`<form class="cancel-form" @submit=${(e: SubmitEvent) => actions.cancel(e)}>
    <div class="field">
      <label for="cancel-reason">${t.cancelReason}</label>
      <input
        id="cancel-reason"
        maxlength="2000"
        .value=${actions.cancelReason}
        @input=${(e: Event) => actions.editCancelReason((e.target as HTMLInputElement).value)}
      />
    </div>
    <div class="actions">
      <button class="danger" type="submit" data-action="cancel-confirm" ?disabled=${runner.busy}>${t.cancel}</button>
      <button type="button" data-action="cancel-back" @click=${() => actions.keep()}>${t.back}</button>
    </div>
  </form>`;
}
