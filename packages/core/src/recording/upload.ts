import { Upload } from 'tus-js-client';

/**
 * Uploads a sealed recording with tus (VS-10): resumable across cut connections and reloads — the
 * upload's URL is remembered under the recording's id, so the next attempt asks the server how far
 * it got and sends only the rest. Resolves once the server has every byte.
 */
export function uploadRecording(input: {
  endpoint: string;
  recordingId: string;
  file: Blob;
  getToken: () => string | undefined;
  onProgress?: (uploaded: number, total: number) => void;
  chunkSize?: number;
  /** Called with the running upload, e.g. to abort it. */
  onUpload?: (upload: Upload) => void;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(input.file, {
      endpoint: input.endpoint,
      metadata: { recordingId: input.recordingId, filetype: 'application/octet-stream' },
      chunkSize: input.chunkSize ?? 4 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10_000, 20_000],
      fingerprint: async () => `sightline-recording:${input.recordingId}`,
      removeFingerprintOnSuccess: true,
      storeFingerprintForResuming: true,
      onBeforeRequest(request) {
        const token = input.getToken();
        if (token) request.setHeader('Authorization', `Bearer ${token}`);
      },
      onProgress: (sent, total) => input.onProgress?.(sent, total),
      onSuccess: () => resolve(),
      onError: (error) => reject(error),
    });
    input.onUpload?.(upload);
    void upload.findPreviousUploads().then((previous) => {
      const last = previous.at(-1);
      if (last) upload.resumeFromPreviousUpload(last);
      upload.start();
    }, reject);
  });
}
