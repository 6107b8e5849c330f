import { newDataKey, SegmentSealer, sha256Hex, toBase64, wrapDataKey } from '@sightline/core/recording';
import { FIXTURE, type TestServer } from './harness.js';

/** What `POST /v1/sessions/{id}/recordings` answers. */
export interface Started {
  recording: { id: string; status: string; storage: string };
  encryption: { publicKey: string | null; replayKeyId: string | null; segmentBytes: number };
  upload: { endpoint: string; maxBytes: number } | null;
}

/** A requested session with a running call joined by the customer and the agent. */
export async function sessionInCall(
  server: TestServer,
  tokens: { agent: string; customer: string },
  options: { consent?: boolean; deviceId?: string; assigneeIds?: string[] } = {},
) {
  const created = await server.call('POST', '/v1/sessions', {
    token: tokens.agent,
    body: {
      deviceId: options.deviceId ?? FIXTURE.deviceId,
      reason: 'recorded call',
      assigneeIds: options.assigneeIds ?? [FIXTURE.agentId],
    },
  });
  if (created.status !== 201) throw new Error(`session: ${created.status} ${await created.text()}`);
  const sessionId = ((await created.json()) as { id: string }).id;
  const call = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: tokens.customer });
  if (call.status >= 300) throw new Error(`call: ${call.status} ${await call.text()}`);
  const callId = ((await call.json()) as { call: { id: string } }).call.id;
  if (options.consent !== false) {
    const consent = await server.call('POST', `/v1/sessions/${sessionId}/consents`, {
      token: tokens.customer,
      body: { kind: 'recording', decision: 'granted' },
    });
    if (consent.status !== 201) throw new Error(`consent: ${consent.status} ${await consent.text()}`);
  }
  return { sessionId, callId };
}

/** The media a recorder made, sealed as the recorder seals it, with what stopping reports. */
export async function sealedRecording(plain: Uint8Array, publicKey: string | null) {
  const { raw, key } = await newDataKey();
  const sealer = new SegmentSealer(key);
  const parts = [...(await sealer.push(plain)), await sealer.finish()];
  const sealed = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    sealed.set(p, offset);
    offset += p.length;
  }
  const copy = new Uint8Array(plain.length);
  copy.set(plain);
  return {
    sealed,
    rawKey: raw,
    stop: {
      durationMs: 10_000,
      bytes: sealed.length,
      sha256: await sha256Hex(copy),
      reason: 'stopped',
      ...(publicKey ? { wrappedDataKey: await wrapDataKey(raw, publicKey) } : { dataKey: toBase64(raw) }),
    },
  };
}

const meta = (pairs: Record<string, string>) =>
  Object.entries(pairs)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

/** The tus 1.0 protocol by hand (what tus-js-client sends): create, offset, and bytes from an offset. */
export const tus = {
  create(server: TestServer, token: string, recordingId: string, length: number | string) {
    return server.app.request('/v1/recordings/uploads', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(length),
        'upload-metadata': meta({ recordingId, filetype: 'video/webm' }),
      },
    });
  },
  offset(server: TestServer, token: string, location: string) {
    return server.app.request(location, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
    });
  },
  patch(server: TestServer, token: string, location: string, offset: number, bytes: Uint8Array) {
    return server.app.request(location, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: bytes,
    });
  },
};

/** Uploads a sealed file in two requests, as a cut connection resumed would. */
export async function uploadInTwo(
  server: TestServer,
  token: string,
  recordingId: string,
  sealed: Uint8Array,
) {
  const created = await tus.create(server, token, recordingId, sealed.length);
  if (created.status !== 201) throw new Error(`tus create: ${created.status} ${await created.text()}`);
  const location = new URL(created.headers.get('location')!, 'http://localhost').pathname;
  const half = Math.floor(sealed.length / 2);
  const first = await tus.patch(server, token, location, 0, sealed.subarray(0, half));
  if (first.status !== 204) throw new Error(`tus patch: ${first.status} ${await first.text()}`);
  const head = await tus.offset(server, token, location);
  const offset = Number(head.headers.get('upload-offset'));
  const rest = await tus.patch(server, token, location, offset, sealed.subarray(offset));
  if (rest.status !== 204) throw new Error(`tus patch: ${rest.status} ${await rest.text()}`);
  return location;
}
