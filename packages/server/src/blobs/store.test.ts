import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BlobStore, folderBlobStore } from './store.js';

describe('folder blob store', () => {
  let root: string;
  let blobs: BlobStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sightline-blob-store-'));
    blobs = folderBlobStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const files = () =>
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  const read = async (key: string) => {
    const stream = await blobs.get(key);
    return stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : undefined;
  };

  it('puts bytes and streams, reads them back, replaces and deletes', async () => {
    expect(await blobs.put('a/b/one.bin', Uint8Array.of(1, 2, 3))).toEqual({ bytes: 3 });
    expect(await read('a/b/one.bin')).toEqual(Uint8Array.of(1, 2, 3));
    const stream = new Blob([Uint8Array.of(4, 5), Uint8Array.of(6)]).stream();
    expect(await blobs.put('a/b/one.bin', stream)).toEqual({ bytes: 3 });
    expect(await read('a/b/one.bin')).toEqual(Uint8Array.of(4, 5, 6));
    expect(await read('a/b/missing')).toBeUndefined();
    await blobs.delete('a/b/one.bin');
    await blobs.delete('a/b/one.bin');
    expect(await read('a/b/one.bin')).toBeUndefined();
    expect(files()).toEqual([]);
  });

  it('leaves nothing behind when a stream fails half-way', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(Uint8Array.of(1));
        controller.error(new Error('connection reset'));
      },
    });
    await expect(blobs.put('x/half', failing)).rejects.toThrow('connection reset');
    expect(files()).toEqual([]);
  });

  it('refuses keys that could leave its folder', async () => {
    for (const key of ['../escape', '/abs', 'a/../b', 'a//b', '', 'a/b c', '.hidden']) {
      await expect(blobs.put(key, Uint8Array.of(1)), key).rejects.toThrow('Invalid blob key');
    }
  });
});
