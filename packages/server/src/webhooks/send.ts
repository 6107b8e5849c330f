import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { checkUrlShape, guardedLookup, UnsafeUrlError } from './ssrf.js';

/** The most of a receiver's answer kept with an attempt. */
export const EXCERPT_BYTES = 1024;

/** What one HTTP attempt came to. */
export interface AttemptResult {
  /** The receiver's status; null when no answer came (refused, timeout, network). */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/**
 * The `webhook-signature` header: `v1,<base64>` with the current secret, and also with the previous
 * one while a rotation's overlap lasts, space-separated (Standard Webhooks).
 * @example
 * signatureHeader(['whsec_…'], 'msg_1', new Date(), '{"type":"session.requested"}');
 */
export function signatureHeader(secrets: readonly string[], msgId: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(msgId, at, body)).join(' ');
}

/** At most {@link EXCERPT_BYTES} of UTF-8 text, not cutting a character in two. */
function excerpt(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, EXCERPT_BYTES))
    .replace(/\uFFFD$/, '');
}

/**
 * POSTs a signed webhook once: no redirects followed (a 3xx is a failure), the whole exchange
 * bounded by `timeoutMs`, the receiver's host checked again on the addresses the connection uses.
 * Never throws: every outcome is an {@link AttemptResult}.
 */
export async function postWebhook(options: {
  url: string;
  msgId: string;
  at: Date;
  body: string;
  secrets: readonly string[];
  timeoutMs: number;
  allowPrivate: boolean;
}): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = checkUrlShape(options.url, options.allowPrivate);
  } catch (error) {
    return { statusCode: null, durationMs: 0, error: (error as Error).message, responseExcerpt: null };
  }
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Sightline-Webhooks/1.0',
    'webhook-id': options.msgId,
    'webhook-timestamp': String(Math.floor(options.at.getTime() / 1000)),
    'webhook-signature': signatureHeader(options.secrets, options.msgId, options.at, options.body),
    'content-length': String(Buffer.byteLength(options.body)),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ...result, durationMs: elapsed() });
    };
    const req = send(url, {
      method: 'POST',
      headers,
      lookup: guardedLookup(options.allowPrivate) as never,
      agent: false,
    });
    const timer = setTimeout(
      () =>
        finish({
          statusCode: null,
          error: `No answer within ${options.timeoutMs} ms.`,
          responseExcerpt: null,
        }),
      options.timeoutMs,
    );
    req.on('error', (error: Error) => {
      const refused = error instanceof UnsafeUrlError;
      finish({
        statusCode: null,
        error: refused
          ? error.message
          : `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${error.message}`,
        responseExcerpt: null,
      });
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const status = res.statusCode ?? 0;
        const text = excerpt(Buffer.concat(chunks));
        let error: string | null = null;
        if (status >= 300 && status < 400) {
          error = `Redirect to ${res.headers.location ?? 'nowhere'} not followed.`;
        } else if (status < 200 || status >= 300) {
          error = `HTTP ${status}`;
        }
        finish({ statusCode: status, error, responseExcerpt: text || null });
      };
      res.on('data', (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
        // Enough read: the rest of a large answer is not waited for.
        if (size >= EXCERPT_BYTES) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(options.body);
  });
}
