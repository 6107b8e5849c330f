import { z } from '@hono/zod-openapi';
import type { ProblemCode } from './catalog.js';

/** RFC 9457 problem document, the body of every 4xx/5xx response. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://sightline.dev/problems/invalid-transition' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional().openapi({ description: 'Machine-readable reason, e.g. `forbidden`.' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'Validation errors, one per offending field.' }),
    feature: z.string().optional().openapi({
      description: 'With `feature-disabled` (403): the feature that is off for the caller (MC-5).',
    }),
    nextOpenAt: z.iso.datetime({ offset: true }).optional().openapi({
      description: 'With `outside-business-hours` (409): when the portal’s staff are back (MC-6).',
    }),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * An expected failure on its way to becoming a problem response. Thrown only at the HTTP edge and
 * turned into `application/problem+json` by the one error handler.
 * @example
 * throw ProblemError.notFound('No session with this id.');
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    detail: string,
    readonly extra: Partial<Problem> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toJSON(): Problem {
    return problem(this.status, this.code, this.message, this.extra);
  }

  static badRequest(detail: string, errors?: Problem['errors']) {
    return new ProblemError(400, 'bad-request', detail, errors ? { errors } : {});
  }
  static unauthorized(detail = 'A valid bearer token is required.') {
    return new ProblemError(401, 'unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });
  }
  static forbidden(detail: string) {
    return new ProblemError(403, 'forbidden', detail);
  }
  static notFound(detail: string) {
    return new ProblemError(404, 'not-found', detail);
  }
  static conflict(code: ProblemCode, detail: string) {
    return new ProblemError(409, code, detail);
  }
  static preconditionFailed(detail: string) {
    return new ProblemError(412, 'precondition-failed', detail);
  }
  static unprocessable(code: ProblemCode, detail: string) {
    return new ProblemError(422, code, detail);
  }
  static tooManyRequests(retryAfterSeconds: number) {
    return new ProblemError(
      429,
      'too-many-requests',
      `Too many attempts; retry in ${retryAfterSeconds} s.`,
      {},
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/** Builds a problem document; `code` becomes the last segment of `type`. */
export function problem(
  status: number,
  code: ProblemCode,
  detail?: string,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: `https://sightline.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    code,
    ...extra,
  };
}

/** A `Response` carrying a problem document. */
export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
