import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/utils';
import type { S3Settings } from '../blobs/s3.js';

/**
 * Where uploaded recordings live (VS-15): the tus datastore that receives them and the blob key it
 * leaves each one under, with the side files it keeps beside it. The local folder by default; an
 * S3-compatible bucket when `SIGHTLINE_S3_*` is set (multipart uploads, so a resumed upload sends
 * only the rest).
 */
export interface RecordingStorage {
  datastore: DataStore;
  /** The blob key of a finished upload (read through the same `BlobStore` as everything else). */
  blobKeyOf(id: string): string;
  /** What the datastore keeps beside an upload (its state), removed with the recording. */
  sideKeysOf(id: string): string[];
}

export async function recordingStorage(config: {
  blobDir: string;
  s3?: S3Settings | undefined;
}): Promise<RecordingStorage> {
  if (config.s3) {
    const s3 = config.s3;
    // The S3 SDK only when a bucket is configured.
    const [{ S3Store }, { s3ClientConfig }] = await Promise.all([
      import('@tus/s3-store'),
      import('../blobs/s3.js'),
    ]);
    return {
      datastore: new S3Store({ s3ClientConfig: { bucket: s3.bucket, ...s3ClientConfig(s3) } }),
      // S3Store names the object by the upload id and keeps `<id>.info` (and `<id>.part`) beside it.
      blobKeyOf: (id) => id,
      sideKeysOf: (id) => [`${id}.info`, `${id}.part`],
    };
  }
  return {
    datastore: new FileStore({ directory: join(config.blobDir, 'recordings') }),
    blobKeyOf: (id) => `recordings/${id}`,
    sideKeysOf: (id) => [`recordings/${id}.json`],
  };
}
