import { ProblemError } from '../problems/problem.js';

/** Strong ETag of a row's `version` column: the one ETag format of every resource. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/**
 * `If-Match` against a version with the strong comparison RFC 9110 §13.1.1 requires: `*` matches
 * any current representation, a listed strong tag matches when it names the version, and a weak tag
 * (`W/"3"`) never matches — a weak validator cannot guard a write — so it answers 412 like a stale one.
 */
export function etagMatches(ifMatch: string, version: number): boolean {
  const current = versionEtag(version);
  return ifMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === current);
}

/**
 * 412 with `detail` unless `If-Match` (when sent) names the current version. Call it after the
 * caller was found allowed to act on the resource and the resource was found, so a stale tag never
 * tells an outsider that something exists (authentication → authorization → existence →
 * preconditions → validation).
 */
export function checkIfMatch(ifMatch: string | undefined, version: number, detail: string): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, version)) throw ProblemError.preconditionFailed(detail);
}
