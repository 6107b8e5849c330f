// Imported from core directly, not through ../shared/sdk.ts (see video-call/ar-capabilities.ts).
import { mayClaim } from '@sightline/core/domain';
import { actorOf } from '@sightline/core/sdk';
import type { ReactiveController } from 'lit';
import type { Me, Problem, SessionController, Sightline, WireSession } from '../../shared/sdk.js';
import type { ActionRunner, InboxHost } from './action-runner.js';

/** The lifecycle actions with a button of their own. */
export type LifecycleAction = 'confirm' | 'close' | 'reopen';

/** What the actions need to know about the inbox. */
export interface SessionActionsContext {
  sdk(): Sightline | undefined;
  /** The selected session. */
  sessionId(): string;
  controller(): SessionController | undefined;
  /** The notice shown once the session is claimed, in the inbox's language. */
  claimedNotice(): string;
}

/**
 * The actions on the selected session: confirm, close and reopen (VS-4, VS-6, VS-16), cancel with an
 * optional reason (VS-4) and claim (VS-3, VS-7). Focus follows each one to what comes next.
 */
export class SessionActions implements ReactiveController {
  /** The cancel form is open. */
  cancelling = false;
  cancelReason = '';
  /** A control to focus as soon as it is rendered (the session's new state may arrive a moment later). */
  #focusNext = '';

  constructor(
    private readonly host: InboxHost,
    private readonly runner: ActionRunner,
    private readonly ctx: SessionActionsContext,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.#focusNext) return;
    const next = this.host.renderRoot.querySelector<HTMLElement>(this.#focusNext);
    if (next) {
      this.#focusNext = '';
      next.focus();
    }
  }

  async lifecycle(action: LifecycleAction): Promise<void> {
    const c = this.ctx.controller();
    if (!c || !(await this.runner.run(() => c[action]()))) return;
    // Focus moves to what comes next: Start call after confirming or reopening (once it shows).
    if (action !== 'close') this.#focusNext = '[part="details"] [data-action="start-call"]';
    this.host.requestUpdate();
  }

  /** Opens the cancel form and focuses its reason. */
  async askCancel(): Promise<void> {
    this.cancelling = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('#cancel-reason')?.focus();
  }

  /** Closes the cancel form. */
  keep(): void {
    this.cancelling = false;
    this.host.requestUpdate();
  }

  editCancelReason(reason: string): void {
    this.cancelReason = reason;
    this.host.requestUpdate();
  }

  async cancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const c = this.ctx.controller();
    if (!c) return;
    const reason = this.cancelReason.trim();
    if (await this.runner.run(() => c.cancel(reason || undefined))) {
      this.cancelling = false;
      this.cancelReason = '';
      this.host.requestUpdate();
    }
  }

  /** VS-3: an agent of the session's team takes it (the shared rule decides whether to offer it). */
  mayClaim(s: WireSession, me: Me & { kind: 'staff' }): boolean {
    const outcome = mayClaim(
      actorOf(me),
      { organizationId: s.organizationId, teamId: s.teamId, assigneeIds: s.assigneeIds, status: s.status },
      [],
    );
    return outcome.ok && outcome.changed;
  }

  async claim(): Promise<void> {
    const sdk = this.ctx.sdk();
    const controller = this.ctx.controller();
    if (!sdk || !controller) return;
    const id = this.ctx.sessionId();
    const ok = await this.runner.run(async () => {
      const r = await sdk.api.POST('/v1/sessions/{id}/claim', { params: { path: { id } } });
      return r.error ? { error: r.error as Problem } : { data: r.data };
    });
    if (!ok) return;
    await controller.refresh();
    this.runner.say(this.ctx.claimedNotice());
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[data-field="assignee"]')?.focus();
  }
}
