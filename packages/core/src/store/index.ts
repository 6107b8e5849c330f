export type { Store, StoreOptions } from './store.js';
export { createStore } from './store.js';
