import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { emit } from '../../shared/events.js';
import { ObserveController } from '../../shared/observe-controller.js';
import type { Me } from '../../shared/sdk.js';
import { SightlineElement } from '../../shared/sightline-element.js';
import type { Language } from '../../shared/translations.js';
import { type AdminTerms, adminTranslations } from './admin-translations.js';
import { fieldErrors, type Problem, type SightlineClient } from './api.js';

/** `sightline-admin-change` detail: what kind of resource a management element changed. */
export interface AdminChangeDetail {
  readonly resource:
    | 'users'
    | 'teams'
    | 'portals'
    | 'devices'
    | 'access-codes'
    | 'api-keys'
    | 'integration-tokens'
    | 'webhooks'
    | 'settings';
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A management element changed something (created, saved, deleted, imported). */
    'sightline-admin-change': CustomEvent<AdminChangeDetail>;
  }
}

/** An API result as openapi-fetch returns it. */
interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The base of the management elements: the signed-in staff member, the typed API client, one
 * problem shown at a time (with its per-field errors), and modal dialogs that take and give back
 * focus. Subclasses implement `load()`, called once a staff member is signed in.
 */
export class AdminElement extends SightlineElement {
  static override properties: PropertyDeclarations = {
    problem: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    dialog: { state: true, attribute: false },
  };
  /** The last failure, shown above the content or in the open dialog. */
  protected problem: Problem | undefined;
  /** A short success notice (announced politely). */
  protected notice = '';
  protected busy = false;
  /** The id of the open dialog, if any (the problem shows in it, not behind it). */
  protected dialog = '';

  readonly #me = new ObserveController<Me | undefined>(this, (me) => {
    if (me?.kind === 'staff') void this.load();
  });
  #openers = new Map<string, HTMLElement | null>();

  /** The signed-in staff member, if any. */
  protected get me(): Extract<Me, { kind: 'staff' }> | undefined {
    const me = this.#me.value;
    return me?.kind === 'staff' ? me : undefined;
  }

  protected get api(): SightlineClient | undefined {
    return this.sdk?.api;
  }

  protected get language(): Language {
    return this.localize.lang;
  }

  /** The shared management terms. */
  protected get common(): AdminTerms {
    return adminTranslations[this.language];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('sdk')) this.#me.source = this.sdk?.me$;
  }

  /** Loads what the element shows. */
  protected async load(): Promise<void> {}

  /** Reloads what the element shows (say, after a change made by another element). */
  async refresh(): Promise<void> {
    if (this.me) await this.load();
  }

  /** Announces a successful change, so a host can refresh what depends on it. */
  protected changed(resource: AdminChangeDetail['resource']): void {
    this.dispatchEvent(
      new CustomEvent<AdminChangeDetail>('sightline-admin-change', {
        detail: { resource },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /**
   * Runs one API call: clears the last problem, and on failure keeps the problem, announces it
   * (`sightline-error`) and moves focus to it or to the first invalid field. Returns the result on
   * success, `undefined` on failure.
   */
  protected async call<T>(
    run: () => Promise<ApiResult<T>>,
  ): Promise<{ data: T; response: Response } | undefined> {
    this.busy = true;
    this.problem = undefined;
    this.notice = '';
    try {
      const r = await run();
      if (r.error !== undefined || (r.data === undefined && !r.response.ok)) {
        await this.fail(r.error as Problem);
        return undefined;
      }
      return { data: r.data as T, response: r.response };
    } finally {
      this.busy = false;
    }
  }

  /**
   * Reloads the list and then shows `problem` again: `load()` goes through {@link call}, which
   * clears the last problem, so a 412 or 404 that caused the reload would otherwise vanish.
   */
  protected async reloadKeeping(problem: Problem): Promise<void> {
    await this.load();
    this.problem = problem;
  }

  /** Shows a problem and focuses the first field it names, else the alert. */
  protected async fail(problem: Problem): Promise<void> {
    this.problem = problem;
    emit(this, 'sightline-error', problem);
    await this.updateComplete;
    const scope = this.#openDialog() ?? this.renderRoot;
    const target =
      scope.querySelector<HTMLElement>('[aria-invalid="true"]') ?? scope.querySelector<HTMLElement>('.alert');
    target?.focus();
  }

  /** The per-field messages of the current problem (`email`, `features.screenshots`, …). */
  protected get errors(): Record<string, string> {
    return fieldErrors(this.problem);
  }

  /** The first message for any of the given field paths (or one below them). */
  protected errorFor(...paths: string[]): string | undefined {
    const all = this.errors;
    for (const p of paths) {
      const hit = all[p] ?? Object.entries(all).find(([k]) => k.startsWith(`${p}.`))?.[1];
      if (hit) return hit;
    }
    return undefined;
  }

  /** An input's error message element and attributes, by field path. */
  protected fieldError(id: string, ...paths: string[]): TemplateResult | typeof nothing {
    const message = this.errorFor(...paths);
    return message ? html`<p class="error" id="${id}-error">${message}</p>` : nothing;
  }

  /**
   * The problem, as a localized lead plus the server's own explanation. `where` is the dialog id
   * it renders in ('' for the page), so it shows in the open dialog only.
   */
  protected renderProblem(where = ''): TemplateResult | typeof nothing {
    const p = this.problem;
    if (!p || where !== this.dialog) return nothing;
    const lead = this.common.lead;
    const sentence = p.type.endsWith('/network-error')
      ? lead.network
      : p.status === 412
        ? lead.stale
        : p.status === 403
          ? lead.forbidden
          : p.status === 404
            ? lead.notFound
            : p.status === 409
              ? lead.conflict
              : p.status === 400 || p.status === 422
                ? lead.invalid
                : lead.generic;
    const detail = p.detail && p.detail !== sentence ? p.detail : '';
    return html`<div class="alert" role="alert" tabindex="-1" data-status=${p.status}>
      <strong>${sentence}</strong>${detail ? html` <span>${detail}</span>` : nothing}
    </div>`;
  }

  /** The success notice, in the open dialog (`where` = its id) or on the page (''). */
  protected renderNotice(where = ''): TemplateResult {
    return html`<p class="notice" role="status">${where === this.dialog ? this.notice : ''}</p>`;
  }

  /** Opens the modal dialog `#id`, remembering what had focus so closing gives it back. */
  protected async openDialog(id: string): Promise<void> {
    const opener = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.#openers.set(id, opener);
    this.problem = undefined;
    this.dialog = id;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>(`dialog#${id}`);
    if (dialog && !dialog.open) dialog.showModal();
    const first =
      dialog?.querySelector<HTMLElement>('[autofocus]') ??
      dialog?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button');
    first?.focus();
  }

  /** Closes the dialog `#id` and gives focus back to the control that opened it. */
  protected closeDialog(id: string): void {
    this.renderRoot.querySelector<HTMLDialogElement>(`dialog#${id}`)?.close();
  }

  /** Wire on each dialog's `close` event: the problem goes, focus returns. */
  protected onDialogClose(id: string): void {
    this.problem = undefined;
    if (this.dialog === id) this.dialog = '';
    const opener = this.#openers.get(id);
    this.#openers.delete(id);
    if (opener?.isConnected) opener.focus();
  }

  #openDialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector<HTMLDialogElement>('dialog[open]');
  }

  /**
   * The dialog that shows a secret once (API keys, integration tokens, webhook secrets): the value
   * with a copy button, "shown once", optional lines after it, and Done. `onClose` forgets the secret.
   */
  protected renderSecretDialog(d: {
    id: string;
    heading: string;
    once: string;
    secret: string;
    copyLabel: string;
    doneLabel: string;
    after?: TemplateResult | typeof nothing;
    onClose: () => void;
  }): TemplateResult {
    return html`<dialog id=${d.id} aria-labelledby="${d.id}-title" aria-describedby="${d.id}-once"
      @close=${() => {
        d.onClose();
        this.onDialogClose(d.id);
      }}>
      <h2 id="${d.id}-title">${d.heading}</h2>
      <p id="${d.id}-once"><strong>${d.once}</strong></p>
      <div class="secret">
        <code class="secret-value" part="secret" data-field="secret">${d.secret}</code>
        <button type="button" data-action="copy" @click=${() => this.copy(d.secret)}>${d.copyLabel}</button>
      </div>
      ${d.after ?? nothing}
      ${this.renderNotice(d.id)}
      <div class="actions">
        <button type="button" class="primary" autofocus @click=${() => this.closeDialog(d.id)}>${d.doneLabel}</button>
      </div>
    </dialog>`;
  }

  /** Copies text to the clipboard and says so. */
  protected async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.notice = this.common.copied;
    } catch {
      this.notice = this.common.copyFailed;
    }
  }

  protected renderSignedOut(): TemplateResult {
    return html`<p class="hint">${this.common.signedOut}</p>`;
  }
}
