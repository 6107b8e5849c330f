import type { UploadSender } from './types.js';

/**
 * The default {@link UploadSender}: `XMLHttpRequest`, whose `upload.onprogress` reports bytes sent
 * (`fetch` cannot: request-body progress needs streaming uploads, which need HTTP/2 and are not in
 * every browser). Never rejects: network failures and aborts resolve as `status: 0`.
 * @example
 * const r = await xhrSender({ method: 'POST', url, headers: {}, body: form }, (l, t) => log(l / t), signal);
 */
export const xhrSender: UploadSender = (request, onProgress, signal) =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    const failed = () => resolve({ status: 0, body: undefined });
    xhr.onerror = failed;
    xhr.ontimeout = failed;
    xhr.onabort = failed;
    xhr.onload = () => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      let body: unknown = xhr.responseText;
      if (type.includes('json')) {
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // not JSON after all: keep the text
        }
      }
      const retryAfter = Number(xhr.getResponseHeader('retry-after'));
      resolve({
        status: xhr.status,
        body,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      });
    };
    if (signal.aborted) {
      failed();
      return;
    }
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(request.body);
  });
