import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { fromBase64, importDataKey, openRecording, sha256Hex } from '@sightline/core/recording';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto } from '../../../../scripts/moto.mjs';
import { createTestServer, FIXTURE, type TestServer } from '../testing/harness.js';
import { type Started, sealedRecording, sessionInCall, uploadInTwo } from '../testing/recordings.js';
import { type S3Settings, s3BlobStore, s3ClientConfig } from './s3.js';

// Blobs in an S3-compatible object store, against a real one: moto's server mode, started here
// (installed from PyPI into .cache/moto on first use).

let moto: Awaited<ReturnType<typeof startMoto>>;
let settings: S3Settings;
let client: S3Client;
beforeAll(async () => {
  moto = await startMoto();
  settings = {
    endpoint: moto.endpoint,
    bucket: 'sightline-test',
    region: 'us-east-1',
    accessKeyId: 'test',
    secretAccessKey: 'test',
  };
  client = new S3Client(s3ClientConfig(settings));
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
}, 120_000);
afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

const text = async (stream: ReadableStream<Uint8Array> | undefined) =>
  stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : undefined;

describe('S3 blob store (moto server)', () => {
  it('puts bytes and streams, reads them whole and by range, replaces and deletes', async () => {
    const blobs = s3BlobStore(settings);
    expect(await blobs.put('a/b/one.bin', Uint8Array.of(1, 2, 3, 4, 5))).toEqual({ bytes: 5 });
    expect(await text(await blobs.get('a/b/one.bin'))).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    expect(await text(await blobs.getRange('a/b/one.bin', 1, 3))).toEqual(Uint8Array.of(2, 3, 4));
    expect(await blobs.put('a/b/one.bin', new Blob([Uint8Array.of(9), Uint8Array.of(8)]).stream())).toEqual({
      bytes: 2,
    });
    expect(await text(await blobs.get('a/b/one.bin'))).toEqual(Uint8Array.of(9, 8));
    expect(await blobs.get('a/b/missing')).toBeUndefined();
    await blobs.delete('a/b/one.bin');
    await blobs.delete('a/b/one.bin');
    expect(await blobs.get('a/b/one.bin')).toBeUndefined();
    await expect(blobs.put('../escape', Uint8Array.of(1))).rejects.toThrow('Invalid blob key');
  });
});

describe('recordings in an S3 bucket (VS-15, MC-14)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite', { s3: settings });
  });
  afterAll(async () => server?.close());

  it('a resumed tus upload lands as one object, replays byte for byte, and deleting removes it', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const customer = await server.customer(FIXTURE.accessCode);
    const manager = await server.login(FIXTURE.managerEmail);
    const { sessionId, callId } = await sessionInCall(server, { agent, customer });
    const started = (await (
      await server.call('POST', `/v1/sessions/${sessionId}/recordings`, {
        token: agent,
        body: { callId, mimeType: 'video/webm' },
      })
    ).json()) as Started;
    const id = started.recording.id;
    // Over 5 MiB, so the upload is a real multipart upload in two parts.
    const plain = Uint8Array.from({ length: 6 * 1024 * 1024 }, (_, i) => (i * 13) & 255);
    const made = await sealedRecording(plain, null);
    await server.call('POST', `/v1/recordings/${id}/stop`, { token: agent, body: made.stop });
    await uploadInTwo(server, agent, id, made.sealed);
    const head = await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: id }));
    expect(head.ContentLength).toBe(made.sealed.length);

    const grant = (await (
      await server.call('POST', `/v1/recordings/${id}/replay`, { token: manager, body: {} })
    ).json()) as { dataKey: string; contentUrl: string };
    const content = await server.call('GET', grant.contentUrl, { token: manager });
    const opened = await openRecording(
      await importDataKey(fromBase64(grant.dataKey)),
      new Uint8Array(await content.arrayBuffer()),
    );
    expect(await sha256Hex(opened)).toBe(made.stop.sha256);

    expect((await server.call('DELETE', `/v1/recordings/${id}`, { token: manager })).status).toBe(204);
    const left = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: id }));
    expect(left.Contents ?? []).toEqual([]);
  }, 60_000);
});
