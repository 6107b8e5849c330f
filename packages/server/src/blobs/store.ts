import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';

/**
 * Where large binary data (screenshots; later recordings) lives, outside the database. Keys are
 * `/`-separated paths of `[A-Za-z0-9._-]` segments chosen by the server, never by a client.
 */
export interface BlobStore {
  /** Stores the bytes under `key`, replacing what was there; readers never see a half-written blob. */
  put(key: string, data: Uint8Array | ReadableStream<Uint8Array>): Promise<{ bytes: number }>;
  /** The blob's bytes, or `undefined` when there is none. */
  get(key: string): Promise<ReadableStream<Uint8Array> | undefined>;
  /** Bytes `start`…`end` (inclusive) of the blob, or `undefined` when there is none. */
  getRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array> | undefined>;
  /** Removes the blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Throws unless `key` is a safe relative path (no `..`, no absolute path, no odd characters). */
export function assertBlobKey(key: string): void {
  const segments = key.split('/');
  if (segments.length === 0 || !segments.every((s) => SEGMENT.test(s) && !s.includes('..'))) {
    throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
  }
}

/**
 * A blob store in a folder: each blob is a file at `<root>/<key>`. A blob is written to a temporary
 * file next to its target, flushed to disk and renamed into place, so a crash or a failed upload
 * never leaves a partial blob under its key.
 * @example
 * const blobs = folderBlobStore('/var/lib/sightline/blobs');
 * await blobs.put('screenshots/org/sess/shot.abc', bytes);
 */
export function folderBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => {
    assertBlobKey(key);
    return join(root, ...key.split('/'));
  };
  return {
    async put(key, data) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${randomUUID()}.tmp`;
      let bytes = 0;
      try {
        const file = await open(temp, 'wx');
        try {
          if (data instanceof Uint8Array) {
            await file.writeFile(data);
            bytes = data.byteLength;
          } else {
            for await (const chunk of data as unknown as AsyncIterable<Uint8Array>) {
              await file.write(chunk);
              bytes += chunk.byteLength;
            }
          }
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { bytes };
    },
    async get(key) {
      const path = pathOf(key);
      if (!(await isFile(path))) return undefined;
      return Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
    },
    async getRange(key, start, end) {
      const path = pathOf(key);
      if (!(await isFile(path))) return undefined;
      return Readable.toWeb(createReadStream(path, { start, end })) as unknown as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
