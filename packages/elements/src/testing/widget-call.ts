import { fixture, html } from '@open-wc/testing';
import '../request-flow/request-flow.js';
import type { SightlineRequestFlow } from '../request-flow/request-flow.component.js';
import '../session-inbox/session-inbox.js';
import type { SightlineSessionInbox } from '../session-inbox/session-inbox.component.js';
import type { Sightline, WireSession } from '../shared/sdk.js';
import '../video-call/video-call.js';
import type { SightlineVideoCall } from '../video-call/video-call.component.js';
import { $, customer, eventWithin, find, forgetRemembered, staff, text, type } from './fixtures.js';

/** A support call as people make it: the customer's request flow beside the agent's inbox, both in the call. */
export interface WidgetCall {
  agent: Sightline;
  flow: SightlineRequestFlow;
  inbox: SightlineSessionInbox;
  session: WireSession;
  customerCall: SightlineVideoCall;
  staffCall: SightlineVideoCall;
}

/**
 * The customer requests with `reason`, choosing the answers `choices` names (request-flow inputs,
 * e.g. `input[name="consent"][value="denied"]`); the agent confirms in the inbox; the customer
 * starts the call and the agent joins it. Real server, real SDK instances.
 */
export async function callFromWidget(reason: string, choices: readonly string[]): Promise<WidgetCall> {
  // A new request: the flow must not come back to one an earlier test (or file) left remembered.
  forgetRemembered();
  const agent = await staff();
  const wrapper = await fixture(html`<div lang="en">
    <sightline-request-flow .sightline=${await customer()}></sightline-request-flow>
    <sightline-session-inbox .sightline=${agent}></sightline-session-inbox>
  </div>`);
  const flow = wrapper.querySelector<SightlineRequestFlow>('sightline-request-flow')!;
  const inbox = wrapper.querySelector<SightlineSessionInbox>('sightline-session-inbox')!;
  await find(flow, 'form');
  type($<HTMLTextAreaElement>(flow, '#reason')!, reason);
  for (const choice of choices) $<HTMLInputElement>(flow, choice)!.click();
  const created = eventWithin<WireSession>(flow, 'sightline-session-change', 20_000, () => text(flow));
  $<HTMLButtonElement>(flow, '[part="submit"]')!.click();
  const session = (await created).detail;
  (await find<HTMLButtonElement>(inbox, `[data-session="${session.id}"]`)).click();
  (await find<HTMLButtonElement>(inbox, '[data-action="confirm"]')).click();
  (await find<HTMLButtonElement>(flow, '[data-action="start-call"]')).click();
  const customerCall = await find<SightlineVideoCall>(flow, 'sightline-video-call');
  (await find<HTMLButtonElement>(inbox, '[data-action="start-call"]')).click();
  const staffCall = await find<SightlineVideoCall>(inbox, 'sightline-video-call');
  return { agent, flow, inbox, session, customerCall, staffCall };
}
