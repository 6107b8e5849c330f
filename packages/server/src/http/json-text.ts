import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import { completeResponse } from './answer-headers.js';

/**
 * JSON of a value of type `T`, serialized and UTF-8 encoded once, answered many times (a cached
 * read): each answer writes the same bytes, with no encoding of the text per request.
 */
export interface JsonText<T> {
  readonly bytes: Uint8Array;
  readonly __json?: T;
}

/** Serializes `value`, remembering its type for {@link jsonTextResponse}. */
export const toJsonText = <T>(value: T): JsonText<T> => ({ bytes: Buffer.from(JSON.stringify(value)) });

/**
 * Answers with JSON text made earlier, as `c.json(value, status, headers)` would answer with the
 * value — same body, same `content-type`, same type for the contract's route — without serializing
 * it again, and with every header the middlewares give (http/answer-headers.ts) in one plain object.
 */
export function jsonTextResponse<T, S extends ContentfulStatusCode>(
  c: Context,
  text: JsonText<T>,
  status: S,
  headers: Record<string, string> = {},
): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  const own = { 'content-type': 'application/json', ...headers };
  // With the security and CORS headers in its own header object, so nothing copies it afterwards.
  const response: Response =
    completeResponse(c, text.bytes, status, own) ??
    c.body(text.bytes as Uint8Array<ArrayBuffer>, status, own);
  // The text is `T` serialized (toJsonText), so this is what `c.json` would have typed it as.
  return response as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
