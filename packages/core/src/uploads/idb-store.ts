import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { UploadItem, UploadStore } from './types.js';

interface UploadDb extends DBSchema {
  items: { key: string; value: UploadItem };
}

/** The default IndexedDB database of the upload queue. */
export const DEFAULT_UPLOAD_DB = 'sightline-uploads';

/**
 * The queue's items in IndexedDB (blobs included, which IndexedDB stores natively), so a screenshot
 * taken offline survives a reload or a closed tab.
 * @example
 * const queue = createUploadQueue({ baseUrl, getToken, store: createIdbUploadStore('my-app-uploads') });
 */
export function createIdbUploadStore(name = DEFAULT_UPLOAD_DB): UploadStore {
  let db: Promise<IDBPDatabase<UploadDb>> | undefined;
  const open = () => {
    db ??= openDB<UploadDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('items', { keyPath: 'key' });
      },
    });
    return db;
  };
  return {
    getAll: async () => (await open()).getAll('items'),
    put: async (item) => {
      await (await open()).put('items', item);
    },
    delete: async (key) => {
      await (await open()).delete('items', key);
    },
    close() {
      void db?.then((d) => d.close());
      db = undefined;
    },
  };
}

/**
 * An in-memory store, for tests and for hosts that do not want persistence.
 * @example
 * const queue = createUploadQueue({ baseUrl, getToken, store: createMemoryUploadStore() });
 */
export function createMemoryUploadStore(items = new Map<string, UploadItem>()): UploadStore {
  return {
    getAll: async () => [...items.values()],
    put: async (item) => {
      items.set(item.key, item);
    },
    delete: async (key) => {
      items.delete(key);
    },
    close() {},
  };
}
