export * from './envelope.js';
export * from './webm-duration.js';
