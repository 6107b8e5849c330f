import type { ReactiveControllerHost } from 'lit';
import { emit } from '../../shared/events.js';
import type { Problem, Result } from '../../shared/sdk.js';

/** The inbox element as its actions see it. */
export interface InboxHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Runs the inbox's requests to the server and keeps what the user is told about them: `busy` while
 * one runs (its buttons are disabled), the problem of the last one that failed (shown, focused and
 * dispatched as `sightline-error`), and a short notice under the session's details.
 */
export class ActionRunner {
  busy = false;
  problem: Problem | undefined;
  notice = '';

  constructor(private readonly host: InboxHost) {}

  /** Runs one request; `false` when it failed (its problem is then shown and focused). */
  async run(request: () => Promise<Result<unknown>>): Promise<boolean> {
    this.busy = true;
    this.problem = undefined;
    this.host.requestUpdate();
    const result = await request();
    this.busy = false;
    this.host.requestUpdate();
    if (result.error) {
      this.fail(result.error);
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
      return false;
    }
    return true;
  }

  /** Shows a problem and tells the page about it. */
  fail(problem: Problem): void {
    this.problem = problem;
    this.host.requestUpdate();
    emit(this.host, 'sightline-error', problem);
  }

  /** Hides the problem shown. */
  dismissProblem(): void {
    this.problem = undefined;
    this.host.requestUpdate();
  }

  /** Shows a notice under the details ('' hides it). */
  say(notice: string): void {
    this.notice = notice;
    this.host.requestUpdate();
  }
}
