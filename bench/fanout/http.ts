/**
 * The HTTP the fan-out benchmark's processes share (run.ts and writers.ts): one request over a
 * kept-alive agent, and a staff member's session creation for the demo device, the change measured.
 */
import http from 'node:http';
import { DEMO } from '../../packages/server/src/seed.js';

/** An HTTP request; retried once when a kept-alive socket was closed by the server meanwhile. */
export async function request(
  agent: http.Agent,
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  try {
    return await requestOnce(agent, base, method, path, token, body);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') throw e;
    return requestOnce(agent, base, method, path, token, body);
  }
}

function requestOnce(
  agent: http.Agent,
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      base + path,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Creates a session for the demo device as the staff member of `token`; resolves with its id. */
export async function createSession(agent: http.Agent, base: string, token: string, reason: string) {
  const res = await request(agent, base, 'POST', '/v1/sessions', token, { deviceId: DEMO.deviceId, reason });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${res.body}`);
  return (JSON.parse(res.body) as { id: string }).id;
}
