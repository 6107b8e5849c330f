export type { CapturedFrame, ScreenshotType } from './capture-frame.js';
export { captureFrame } from './capture-frame.js';
export { createIdbUploadStore, createMemoryUploadStore, DEFAULT_UPLOAD_DB } from './idb-store.js';
export type { AttemptOutcome } from './retry-policy.js';
export { classifyStatus, uploadBackoff } from './retry-policy.js';
export type {
  ScreenshotUploadMeta,
  UploadItem,
  UploadProgress,
  UploadRequest,
  UploadResponse,
  UploadSender,
  UploadStore,
} from './types.js';
export type { NetworkStatus, ScreenshotUpload, UploadQueue, UploadQueueOptions } from './upload-queue.js';
export { createUploadQueue, MAX_SCREENSHOT_BYTES } from './upload-queue.js';
export { xhrSender } from './xhr-sender.js';
