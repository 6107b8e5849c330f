import { ProblemError } from '../problems/problem.js';

/** Strong ETag of a row's `version` column: the one ETag format of every resource. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** `If-Match` against a version; `*` matches anything, weak tags compare by their value. */
export function etagMatches(ifMatch: string, version: number): boolean {
  return ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === versionEtag(version));
}

/** 412 with `detail` unless `If-Match` (when sent) names the current version. */
export function checkIfMatch(ifMatch: string | undefined, version: number, detail: string): void {
  if (ifMatch !== undefined && !etagMatches(ifMatch, version)) throw ProblemError.preconditionFailed(detail);
}
