import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import { completeResponse } from './answer-headers.js';

/** JSON text of a value of type `T`: serialized once, answered many times (a cached read). */
export type JsonText<T> = string & { readonly __json?: T };

/** Serializes `value`, remembering its type for {@link jsonTextResponse}. */
export const toJsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;

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
  const response: Response = completeResponse(c, text, status, own) ?? c.body(text, status, own);
  // The text is `T` serialized (toJsonText), so this is what `c.json` would have typed it as.
  return response as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
