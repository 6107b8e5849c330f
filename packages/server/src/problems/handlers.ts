import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { ProblemError, problem, problemResponse } from './problem.js';

/** Turns zod issues into the problem's `errors` list. */
export function validationProblem(error: ZodError, where: string): Response {
  const errors = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return problemResponse(problem(400, 'validation', 'The request is not valid.', { errors }));
}

/** The one place where failures become `application/problem+json`; never leaks a stack trace. */
export const onError: ErrorHandler = (err) => {
  if (err instanceof ProblemError) return problemResponse(err.toJSON(), err.headers);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 400
        ? 'malformed-body'
        : status === 413
          ? 'body-too-large'
          : status === 415
            ? 'unsupported-media-type'
            : 'http-error';
    const detail =
      status === 400 && /json/i.test(err.message)
        ? 'The request body is not valid JSON.'
        : status === 415
          ? 'Send the body as application/json.'
          : err.message;
    return problemResponse(problem(status, code, detail));
  }
  console.error('unhandled error', err);
  return problemResponse(problem(500, 'internal', 'Something went wrong on our side.'));
};
