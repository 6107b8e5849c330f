import { nothing, type TemplateResult } from 'lit';
import { embeddedCall, loadCall, startCallButton as sharedStartButton } from '../../shared/embedded-call.js';
import type { CallEventDetail } from '../../shared/events.js';
import type { Sightline } from '../../shared/sdk.js';
import type { ActionRunner, InboxHost } from '../actions/action-runner.js';

/**
 * The selected session's call in the inbox (VS-8, VS-9): "Start call" (or join the running one)
 * loads the call's code and embeds `<sightline-video-call>` under the details; when the call ends,
 * focus returns to the details, with a notice when it ended by itself.
 */
export class InboxCall {
  /** The call is shown. */
  calling = false;

  constructor(
    private readonly host: InboxHost,
    private readonly runner: ActionRunner,
  ) {}

  async start(): Promise<void> {
    // Call code (and its media transport) loads only once a call may start (see startCallButton).
    await loadCall();
    this.calling = true;
    this.host.requestUpdate();
  }

  ended(e: CustomEvent<CallEventDetail>, abandonedNotice: string): void {
    this.calling = false;
    this.host.requestUpdate();
    if (e.detail.reason === 'abandoned') this.runner.say(abandonedNotice);
    // After the call, focus goes to the session's details (the next steps are there).
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>('#details-heading')?.focus(),
    );
  }
}

/** "Start call", while the caller may take part in the session's call and it is not shown yet. */
export function startCallButton(
  call: InboxCall,
  canCall: boolean,
  label: string,
  sessionId: string,
  sdk: Sightline | undefined,
): TemplateResult | typeof nothing {
  return canCall && !call.calling
    ? sharedStartButton(label, sessionId, sdk, () => void call.start())
    : nothing;
}

/** The embedded call of the session, while it is shown. */
export function inboxCallView(
  call: InboxCall,
  sessionId: string,
  sdk: Sightline | undefined,
  abandonedNotice: string,
): TemplateResult | typeof nothing {
  return call.calling
    ? embeddedCall('staff', sessionId, sdk, (e) => call.ended(e, abandonedNotice))
    : nothing;
}
