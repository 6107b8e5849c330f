import type { UploadItem, UploadStore } from './types.js';

/** The default IndexedDB database of the upload queue. */
export const DEFAULT_UPLOAD_DB = 'sightline-uploads';

const STORE = 'items';

// IndexedDB's requests as promises: a few lines here instead of a wrapper library in the call's
// bundle (issue 13).
const settled = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
/** Resolves once a write transaction is committed (not only when its request succeeded). */
const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new DOMException('Aborted', 'AbortError'));
  });

/**
 * The queue's items in IndexedDB (blobs included, which IndexedDB stores natively), so a screenshot
 * taken offline survives a reload or a closed tab.
 * @example
 * const queue = createUploadQueue({ baseUrl, getToken, store: createIdbUploadStore('my-app-uploads') });
 */
export function createIdbUploadStore(name = DEFAULT_UPLOAD_DB): UploadStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => {
    if (!db) {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
      db = settled(request);
    }
    return db;
  };
  const write = async (change: (store: IDBObjectStore) => unknown) => {
    const tx = (await open()).transaction(STORE, 'readwrite');
    change(tx.objectStore(STORE));
    await committed(tx);
  };
  return {
    getAll: async () =>
      settled((await open()).transaction(STORE).objectStore(STORE).getAll() as IDBRequest<UploadItem[]>),
    put: (item) => write((store) => store.put(item)),
    delete: (key) => write((store) => store.delete(key)),
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
