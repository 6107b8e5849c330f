import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertBlobKey, type BlobStore } from './store.js';

/** Where an S3-compatible object store is (`SIGHTLINE_S3_*`): path-style, any endpoint. */
export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The client configuration for the settings (path-style addressing, so any S3-compatible server works). */
export function s3ClientConfig(s: S3Settings): S3ClientConfig {
  return {
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  };
}

const missing = (error: unknown) =>
  error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey';

/**
 * The blob store in an S3-compatible bucket: one object per key. A put is one PutObject, which S3
 * makes visible whole or not at all, so readers never see a half-written blob.
 * @example
 * const blobs = s3BlobStore({ endpoint: 'https://s3.example.com', bucket: 'sightline', … });
 */
export function s3BlobStore(
  settings: S3Settings,
  client = new S3Client(s3ClientConfig(settings)),
): BlobStore {
  const Bucket = settings.bucket;
  const read = async (key: string, range?: string) => {
    assertBlobKey(key);
    try {
      const out = await client.send(
        new GetObjectCommand({ Bucket, Key: key, ...(range ? { Range: range } : {}) }),
      );
      return out.Body?.transformToWebStream() as ReadableStream<Uint8Array> | undefined;
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
  };
  return {
    async put(key, data) {
      assertBlobKey(key);
      let body: Uint8Array;
      if (data instanceof Uint8Array) body = data;
      else {
        const parts: Uint8Array[] = [];
        for await (const chunk of data as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
        body = Buffer.concat(parts);
      }
      await client.send(
        new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: body.byteLength }),
      );
      return { bytes: body.byteLength };
    },
    get: (key) => read(key),
    getRange: (key, start, end) => read(key, `bytes=${start}-${end}`),
    async delete(key) {
      assertBlobKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
