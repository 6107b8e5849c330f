import type { Sightline } from '../shared/sdk.js';

type Decision = 'granted' | 'denied' | 'revoked';

/**
 * Records the customer's answer in the session's consent log (VS-10 recording, SI-3 summary): the
 * decision the server kept, or `undefined` when it was refused or could not be sent.
 */
export async function recordConsent(
  sdk: Sightline,
  sessionId: string,
  kind: 'recording' | 'summary',
  decision: Decision,
): Promise<Decision | undefined> {
  try {
    const { data } = await sdk.api.POST('/v1/sessions/{id}/consents', {
      params: { path: { id: sessionId } },
      body: { kind, decision },
    });
    return data?.decision;
  } catch {
    return undefined;
  }
}
