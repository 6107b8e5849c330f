import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';
import { FIXTURE, type TestServer } from '../../testing/harness.js';
import { type Received, signatureHeaders } from './receiver.js';

/** A created endpoint as the API answers it. */
export interface Created {
  id: string;
  secret: string;
  url: string;
  events: string[];
  enabled: boolean;
}

/** Creates an endpoint as the company manager (fails the test unless 201). */
export async function createEndpoint(
  server: TestServer,
  body: { url: string; events?: string[]; portalIds?: string[] | null; description?: string },
): Promise<Created> {
  const token = await server.login(FIXTURE.managerEmail);
  const res = await server.call('POST', '/v1/webhooks', { token, body: { events: ['*'], ...body } });
  if (res.status !== 201) throw new Error(`create endpoint: ${res.status} ${await res.text()}`);
  return (await res.json()) as Created;
}

/** A session requested by the fixture's customer (one `session.requested` event); returns its id. */
export async function requestSession(server: TestServer, reason = 'Boiler makes noise'): Promise<string> {
  const token = await server.customer(FIXTURE.accessCode);
  const res = await server.call('POST', '/v1/sessions', { token, body: { reason } });
  if (res.status !== 201) throw new Error(`request session: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Verifies a received webhook with the library's own verifier as if the receiver's clock read `at`
 * (the server under test runs on a shifted clock); returns the parsed payload or throws.
 */
export function verifyAt(secret: string, request: Received, at: Date): unknown {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(at);
    return new Webhook(secret).verify(request.body, signatureHeaders(request));
  } finally {
    vi.useRealTimers();
  }
}
