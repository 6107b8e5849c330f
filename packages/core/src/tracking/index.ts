export type { PixelRect } from './features.js';
export type { Tracker } from './tracker.js';
export { createTracker } from './tracker.js';
export type {
  TrackingRejection,
  TrackingWorker,
  TrackingWorkerOptions,
  TrackingWorkerPort,
} from './tracking-client.js';
export { createTrackingWorker } from './tracking-client.js';
export type { TrackingHost } from './tracking-host.js';
export { createTrackingHost } from './tracking-host.js';
export type { GrayFrame, NormalizedBox, TrackerInitError, TrackerOptions, TrackResult } from './types.js';
export { clampBox, TrackStatus } from './types.js';
export type { VideoFrameReader } from './video-frames.js';
export { createVideoFrameReader, trackVideo } from './video-frames.js';
export type { Box, FromWorker, MarkerUpdate, ToWorker } from './worker-messages.js';
export { parseFromWorker, parseToWorker } from './worker-messages.js';
