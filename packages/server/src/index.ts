export type { CreateAppOptions, SightlineApp } from './app.js';
export { createApp } from './app.js';
export type { ServerConfig } from './config.js';
export { loadConfig, testConfig } from './config.js';
export type { DatabaseHandle } from './db/connect.js';
export { openDatabase } from './db/connect.js';
export { openApiDocument } from './openapi/docs.js';
export { DEMO, seedDemo } from './seed.js';
