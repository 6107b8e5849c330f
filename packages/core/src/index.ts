export type { Store, StoreOptions } from './store/index.js';
export { createStore } from './store/index.js';
