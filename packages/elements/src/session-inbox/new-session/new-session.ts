import type { Sightline, WireSession } from '../../shared/sdk.js';
import type { ActionRunner, InboxHost } from '../actions/action-runner.js';
import type { inboxTerms } from '../inbox-translations.js';
import type { InboxDevice } from '../list/inbox-devices.js';

/** What the form needs from the inbox. */
export interface NewSessionContext {
  sdk(): Sightline | undefined;
  terms(): (typeof inboxTerms)['en'];
  devices(): readonly InboxDevice[];
  /** The session was created: the inbox selects it. */
  created(sessionId: string): void;
}

/**
 * "New session" (VS-5): staff create a session for a device directly, checked inline (a device and a
 * reason are required) before the request, and the server's own field errors shown the same way.
 */
export class NewSession {
  /** The form is shown instead of the selected session's details. */
  creating = false;
  deviceId = '';
  reason = '';
  errors: { device?: string | undefined; reason?: string | undefined } = {};

  constructor(
    private readonly host: InboxHost,
    private readonly runner: ActionRunner,
    private readonly ctx: NewSessionContext,
  ) {}

  /** Shows the form (a single device is chosen already) and focuses its first field. */
  open(): void {
    this.creating = true;
    this.runner.dismissProblem();
    this.errors = {};
    const devices = this.ctx.devices();
    if (devices.length === 1) this.deviceId = devices[0]?.id ?? '';
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot
        .querySelector<HTMLElement>('[part="new-session"] select, [part="new-session"] textarea')
        ?.focus(),
    );
  }

  close(): void {
    this.creating = false;
    this.host.requestUpdate();
  }

  chooseDevice(id: string): void {
    this.deviceId = id;
    this.errors = { ...this.errors, device: undefined };
    this.host.requestUpdate();
  }

  editReason(reason: string): void {
    this.reason = reason;
    this.errors = { ...this.errors, reason: undefined };
    this.host.requestUpdate();
  }

  async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const sdk = this.ctx.sdk();
    if (!sdk) return;
    const t = this.ctx.terms();
    const reason = this.reason.trim();
    this.errors = {
      ...(this.deviceId ? {} : { device: t.deviceRequired }),
      ...(reason ? {} : { reason: t.reasonRequired }),
    };
    this.host.requestUpdate();
    if (this.errors.device || this.errors.reason) {
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('[part="new-session"] [aria-invalid="true"]')?.focus();
      return;
    }
    let created: WireSession | undefined;
    const ok = await this.runner.run(async () => {
      const r = await sdk.sessions.create({ deviceId: this.deviceId, reason });
      created = r.data;
      return r;
    });
    if (ok && created) {
      this.creating = false;
      this.reason = '';
      this.deviceId = '';
      this.host.requestUpdate();
      this.ctx.created(created.id);
    } else if (this.runner.problem?.errors?.length) {
      for (const e of this.runner.problem.errors) {
        if (e.path.endsWith('reason')) this.errors = { ...this.errors, reason: t.reasonRequired };
        if (e.path.endsWith('deviceId')) this.errors = { ...this.errors, device: t.deviceRequired };
      }
      this.host.requestUpdate();
    }
  }
}
