import type { Problem } from '@sightline/api-client';
import type { AnnotationOp } from '../ar/schemas.js';

/** The `meta` part of a screenshot upload: the screenshot's fields plus its annotations so far. */
export interface ScreenshotUploadMeta {
  /** Client-generated; also the `Idempotency-Key`, so a retry never creates a second screenshot. */
  readonly id: string;
  readonly capturedAt: number;
  readonly capturedBy: string;
  readonly width: number;
  readonly height: number;
  readonly annotations: readonly AnnotationOp[];
}

/** What waits in IndexedDB: a screenshot (image + meta) or annotation ops added after its upload. */
export type UploadItem =
  | (UploadItemBase & {
      readonly kind: 'screenshot';
      readonly image: Blob;
      readonly meta: ScreenshotUploadMeta;
    })
  | (UploadItemBase & { readonly kind: 'annotations'; readonly ops: readonly AnnotationOp[] });

interface UploadItemBase {
  /** `screenshot:<id>` or `annotations:<screenshotId>:<unique>`. */
  readonly key: string;
  readonly sessionId: string;
  readonly screenshotId: string;
  /** When it was queued (this device's clock); items upload oldest first. */
  readonly createdAt: number;
  /** Failed attempts so far. */
  readonly attempts: number;
  /** Not before this time (backoff after a failure). */
  readonly nextAttemptAt: number;
  /** Set when the server refused it for good; it stays until discarded, so a reload still shows why. */
  readonly failed?: Problem;
}

/** Where an item stands, for a progress indicator. */
export type UploadProgress =
  | { readonly status: 'queued'; readonly attempts: number; readonly nextAttemptAt: number }
  | { readonly status: 'uploading'; readonly percent: number }
  | { readonly status: 'done'; readonly response: unknown }
  | { readonly status: 'failed'; readonly problem: Problem };

/** One HTTP request of the queue. */
export interface UploadRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: FormData | string;
}

/** Its answer; `status: 0` means no answer (offline, DNS, connection reset, CORS). */
export interface UploadResponse {
  readonly status: number;
  readonly body: unknown;
  /** From a `Retry-After` header, in milliseconds. */
  readonly retryAfterMs?: number;
}

/**
 * Sends one request and reports upload progress. The default uses `XMLHttpRequest`, because `fetch`
 * has no upload progress; tests pass a stand-in. Never rejects: a network failure is `status: 0`.
 */
export type UploadSender = (
  request: UploadRequest,
  onProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
) => Promise<UploadResponse>;

/** The persistence behind the queue (IndexedDB in the browser; an in-memory one for Node tests). */
export interface UploadStore {
  getAll(): Promise<UploadItem[]>;
  put(item: UploadItem): Promise<void>;
  delete(key: string): Promise<void>;
  close(): void;
}
