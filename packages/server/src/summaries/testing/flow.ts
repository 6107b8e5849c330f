import { FIXTURE, type TestServer } from '../../testing/harness.js';

/** The people of a session: the customer of the fixture's device and the agent who takes it. */
export interface FlowTokens {
  customer: string;
  agent: string;
}

const json = async <T>(res: Promise<Response>): Promise<T> => {
  const answer = await res;
  if (answer.status >= 300) throw new Error(`${answer.url} ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
};

/** A support conversation about a printer after a router swap: chat both ways and a staff note. */
export const PRINTER_CHAT = [
  ['c1', 'customer', 'chat', 'My printer stopped printing over Wi-Fi since the new router.'],
  ['a1', 'agent', 'chat', 'Please restart the printer and check the network settings.'],
  ['c2', 'customer', 'chat', 'Done, it works now, thanks!'],
  ['a2', 'agent', 'note', 'We will send a technician tomorrow to replace the cable.'],
] as const;

/**
 * A session the way people make it, all through the HTTP API (SI-7): the customer requests it and
 * answers the summary question, the agent confirms, both chat during a call, the call ends and the
 * session completes (which queues its summary job).
 * @example
 * const sessionId = await completedSession(server, tokens, { answer: 'granted' });
 */
export async function completedSession(
  server: Pick<TestServer, 'call'>,
  tokens: FlowTokens,
  options: { answer?: 'granted' | 'denied' | null; reason?: string; ticketLinks?: string[] } = {},
): Promise<string> {
  const { customer, agent } = tokens;
  const post = (token: string, path: string, body?: unknown) =>
    server.call('POST', path, { token, ...(body !== undefined ? { body } : {}) });
  const { id } = await json<{ id: string }>(
    post(customer, '/v1/sessions', {
      reason: options.reason ?? 'Printer offline after router swap',
      ...(options.ticketLinks ? { ticketLinks: options.ticketLinks } : {}),
    }),
  );
  const answer = options.answer === undefined ? 'granted' : options.answer;
  if (answer)
    await json(post(customer, `/v1/sessions/${id}/consents`, { kind: 'summary', decision: answer }));
  await json(post(agent, `/v1/sessions/${id}/confirm`));
  const { call } = await json<{ call: { id: string } }>(post(agent, `/v1/sessions/${id}/calls`));
  for (const [mid, who, kind, text] of PRINTER_CHAT) {
    await json(
      post(who === 'agent' ? agent : customer, `/v1/sessions/${id}/messages`, { id: mid, kind, text }),
    );
  }
  await json(post(agent, `/v1/sessions/${id}/calls/${call.id}/end`));
  return id;
}

/** The fixture's customer and agent. */
export async function flowTokens(server: TestServer): Promise<FlowTokens> {
  const [customer, agent] = await Promise.all([
    server.customer(FIXTURE.accessCode),
    server.login(FIXTURE.agentEmail),
  ]);
  return { customer, agent };
}

/** Debits in the credit ledger, by session. */
export async function debitedSessions(server: TestServer): Promise<string[]> {
  const rows = await server.handle.db
    .selectFrom('credit_ledger')
    .select('session_id')
    .where('type', '=', 'debit')
    .execute();
  return rows.map((r) => String(r.session_id));
}
