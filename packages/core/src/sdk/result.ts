import type { Problem } from '@sightline/api-client';

/** An expected outcome: `{ data }` or `{ error }` with an RFC 9457 problem — never a throw. */
export type Result<T> = { data: T; error?: undefined } | { data?: undefined; error: Problem };

/** A problem made on this side (no request was sent, or the answer made no sense). */
export function clientProblem(code: string, title: string, detail?: string, status = 400): Problem {
  return {
    type: `https://sightline.dev/problems/${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
  };
}

/** Turns an openapi-fetch result into a {@link Result}. */
export function toResult<T>(r: { data?: T; error?: unknown; response: Response }): Result<T> {
  if (r.error !== undefined || r.data === undefined) {
    const e = r.error as Problem | undefined;
    return {
      error: e?.title
        ? e
        : clientProblem('unexpected-response', 'Unexpected response', undefined, r.response.status || 500),
    };
  }
  return { data: r.data };
}
