// Test support for the summary tests (not exported by the package): sessions made through the real
// API with the customer's answer to the summary question, ended so the server summarizes them.
import { waitUntil } from '@open-wc/testing';
import type { components } from '@sightline/api-client';
import type { Sightline } from '../shared/sdk.js';
import { customer, staff } from '../testing/fixtures.js';

export interface TestSession {
  id: string;
  agent: Sightline;
  /** Ends the running call; the session completes and its summary job starts. */
  end(): Promise<void>;
}

/** A session the demo agent claimed and confirmed, with a running call and one chat line; `answer` is the customer's summary answer. */
export async function runningSession(
  reason: string,
  answer: 'granted' | 'denied' = 'granted',
): Promise<TestSession> {
  const agent = await staff();
  const client = await customer();
  const { data: s, error } = await client.sessions.create({ reason });
  if (!s) throw new Error(`session not created: ${error?.title}`);
  const id = s.id;
  await client.api.POST('/v1/sessions/{id}/consents', {
    params: { path: { id } },
    body: { kind: 'summary', decision: answer },
  });
  await agent.sessions.refresh();
  // The agent takes the session (VS-3): it is theirs in lists and the summary's agents.
  const claimed = await agent.api.POST('/v1/sessions/{id}/claim', { params: { path: { id } } });
  if (claimed.error) throw new Error(`claim failed: ${claimed.error.title}`);
  await agent.session(id).confirm();
  await client.api.POST('/v1/sessions/{id}/messages', {
    params: { path: { id } },
    body: {
      id: `m${Date.now()}`,
      kind: 'chat',
      text: 'Outlook on my laptop cannot sign in since this morning.',
    },
  });
  const { data: call } = await agent.api.POST('/v1/sessions/{id}/calls', { params: { path: { id } } });
  return {
    id,
    agent,
    async end() {
      await agent.api.POST('/v1/sessions/{id}/calls/{callId}/end', {
        params: { path: { id, callId: call!.call.id } },
      });
    },
  };
}

/** Waits until the session's summary is in `state` and returns the answer. */
export async function summaryState(
  agent: Sightline,
  id: string,
  state: string,
): Promise<components['schemas']['SessionSummary']> {
  let last: components['schemas']['SessionSummary'] | undefined;
  await waitUntil(
    async () => {
      const { data } = await agent.api.GET('/v1/sessions/{id}/summary', { params: { path: { id } } });
      last = data as components['schemas']['SessionSummary'] | undefined;
      return last?.state === state;
    },
    `summary never ${state}`,
    { timeout: 20_000, interval: 250 },
  );
  return last!;
}

/** A session the customer allowed, with chat, ended through the API, and its ready summary. */
export async function summarizedSession(reason: string) {
  const s = await runningSession(reason);
  await s.end();
  const answer = await summaryState(s.agent, s.id, 'ready');
  return { id: s.id, agent: s.agent, summary: answer.summary! };
}
