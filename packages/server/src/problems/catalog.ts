/**
 * Every problem type the API answers, with the statuses it comes with: the one list behind the
 * `code` of every problem document (the type URI ends in it), the contract's per-status problem
 * schemas (`Problem409` lists the codes a 409 can carry) and the docs. A code not listed here does
 * not compile (`ProblemError`, `problem()`); a status a code is not listed with fails the catalog
 * test, which reads every place a problem is made.
 */
/** A problem type: its statuses, what it means, and the operations' tags it is limited to (none: any). */
interface ProblemType {
  statuses: readonly number[];
  summary: string;
  tags?: readonly string[];
}

export const PROBLEM_TYPES = {
  // 400: the request cannot be read or breaks a rule.
  'bad-request': { statuses: [400], summary: 'The request breaks a rule the schema cannot state.' },
  validation: { statuses: [400], summary: 'Fields are missing or invalid; `errors` names each.' },
  'invalid-text': {
    statuses: [400],
    summary: 'Text holds NUL, control characters or invalid Unicode; `errors` names each field.',
  },
  'malformed-body': { statuses: [400], summary: 'The body is not valid JSON.' },
  'body-required': { statuses: [400], summary: 'The operation needs a JSON body.' },
  'reset-token-invalid': {
    statuses: [400],
    tags: ['auth'],
    summary: 'The password reset link is not valid.',
  },
  'webhook-url-invalid': {
    statuses: [400],
    tags: ['webhooks'],
    summary: 'The webhook URL is not an https URL.',
  },
  'webhook-url-private': {
    statuses: [400],
    tags: ['webhooks'],
    summary: 'The webhook URL resolves to a private, loopback or otherwise non-public address.',
  },
  // 401: who the caller is.
  unauthorized: { statuses: [401], summary: 'A valid bearer token is required.' },
  'session-expired': { statuses: [401], summary: 'The sign-in is too old to refresh; sign in again.' },
  'access-code-revoked': { statuses: [401], summary: 'The access code was withdrawn.' },
  'access-code-expired': { statuses: [401], summary: 'The access code has expired.' },
  // 403: what the caller may do.
  forbidden: { statuses: [403], summary: 'The caller may not do this; the detail says why.' },
  'feature-disabled': {
    statuses: [403],
    summary: 'A feature is turned off for the caller in this portal (MC-5); `feature` names it.',
  },
  'policy-enforced': {
    statuses: [403],
    tags: ['devices'],
    summary: 'The organization’s policy fixes this setting (SI-4).',
  },
  'wrong-password': {
    statuses: [403],
    tags: ['auth', 'recordings'],
    summary: 'The account password given does not match.',
  },
  'bootstrap-disabled': {
    statuses: [403],
    tags: ['organizations', 'credits'],
    summary: 'The operator’s routes (organizations, add-on credits) are disabled on this server.',
  },
  // 404, 405.
  'recording-consent-required': {
    statuses: [403],
    tags: ['recordings'],
    summary: 'The customer has not consented to recording (VS-10); nothing is recorded or stored.',
  },
  'recording-local-only': {
    statuses: [403],
    tags: ['recordings'],
    summary: 'The portal keeps recordings on the recording side only; they are never uploaded (MC-12).',
  },
  'wrong-passphrase': {
    statuses: [403],
    tags: ['recordings'],
    summary: 'The replay passphrase is wrong (MC-13); guesses are counted.',
  },
  'not-found': { statuses: [404], summary: 'Nothing with this id that the caller may see.' },
  'method-not-allowed': { statuses: [405], summary: 'The path takes other methods; `Allow` lists them.' },
  // 409: the state of things forbids it now.
  'invalid-transition': {
    statuses: [409],
    tags: ['sessions', 'calls', 'consents'],
    summary: 'The session’s or consent’s state does not allow this.',
  },
  'already-assigned': { statuses: [409], tags: ['sessions'], summary: 'The session is already assigned so.' },
  'session-finished': { statuses: [409], tags: ['sessions'], summary: 'The session has ended.' },
  'session-in-call': { statuses: [409], tags: ['sessions'], summary: 'The session is in a call.' },
  'not-yet': {
    statuses: [409],
    tags: ['ratings'],
    summary: 'Not possible yet (rating before the call ended).',
  },
  'already-rated': {
    statuses: [409],
    tags: ['ratings'],
    summary: 'This participant already rated the session.',
  },
  'call-ended': { statuses: [409], tags: ['calls', 'recordings'], summary: 'The call has ended.' },
  'recording-running': {
    statuses: [409],
    tags: ['recordings'],
    summary: 'A recording of this session is running already.',
  },
  'recording-state': {
    statuses: [409],
    tags: ['recordings'],
    summary:
      'The recording is not in a state that allows this (running, stopped otherwise, not uploaded yet).',
  },
  'passphrase-state': {
    statuses: [409],
    tags: ['recordings'],
    summary: 'The portal’s replay passphrase is not as this needs: none is set, or it changed meanwhile.',
  },
  'chat-closed': {
    statuses: [409],
    tags: ['messages'],
    summary: 'Chat is open only while a session is confirmed, running or completed.',
  },
  'message-id-taken': {
    statuses: [409],
    tags: ['messages'],
    summary: 'Another message of this session has this id.',
  },
  'screenshot-exists': {
    statuses: [409],
    tags: ['screenshots'],
    summary: 'A different screenshot with this id is stored.',
  },
  'screenshot-in-progress': {
    statuses: [409],
    tags: ['screenshots'],
    summary: 'An upload with this id is running; retry.',
  },
  'summary-not-ready': {
    statuses: [409],
    tags: ['summaries'],
    summary: 'The summary has not been made (yet).',
  },
  'outside-business-hours': {
    statuses: [409],
    tags: ['sessions'],
    summary: 'The portal’s staff are away (MC-6); `nextOpenAt` says when they are back.',
  },
  'access-code-taken': { statuses: [409], tags: ['devices'], summary: 'The chosen access code is in use.' },
  'email-taken': {
    statuses: [409],
    tags: ['users', 'auth', 'organizations'],
    summary: 'Another user has this email address.',
  },
  'slug-taken': { statuses: [409], tags: ['portals'], summary: 'Another portal has this URL slug.' },
  'cannot-delete-self': { statuses: [409], tags: ['users'], summary: 'Users do not delete themselves.' },
  'last-company-manager': {
    statuses: [409],
    tags: ['users'],
    summary: 'An organization keeps at least one company manager.',
  },
  'not-an-agent': {
    statuses: [409],
    tags: ['users', 'teams'],
    summary: 'Only agents are moved between teams.',
  },
  'team-cycle': {
    statuses: [409],
    tags: ['teams'],
    summary: 'Teams form a tree: a team cannot move below itself.',
  },
  'team-too-deep': {
    statuses: [409],
    tags: ['teams'],
    summary: 'Teams nest at most the allowed number of levels.',
  },
  'team-name-taken': { statuses: [409], tags: ['teams'], summary: 'A sibling team has this name.' },
  'team-delete-needs-target': {
    statuses: [409],
    tags: ['teams'],
    summary: 'A root team needs a team to receive its contents.',
  },
  'team-delete-target-inside': {
    statuses: [409],
    tags: ['teams'],
    summary: 'The receiving team lies inside the deleted one.',
  },
  'purchase-id-reused': {
    statuses: [409],
    tags: ['credits'],
    summary: 'This purchase id was recorded with other values.',
  },
  'no-licence-date': {
    statuses: [409],
    tags: ['credits'],
    summary: 'The organization has no licence renewal date.',
  },
  'licence-expired': { statuses: [409], tags: ['credits'], summary: 'The licence has expired.' },
  'webhook-endpoint-disabled': {
    statuses: [409],
    tags: ['webhooks'],
    summary: 'The webhook endpoint is disabled.',
  },
  'idempotency-key-in-progress': {
    statuses: [409],
    summary: 'A request with this Idempotency-Key is still running; retry.',
  },
  // 410: gone for good.
  'retention-expired': {
    statuses: [410],
    summary: 'The session’s data was deleted after its retention period (MC-14).',
  },
  'reset-token-used': {
    statuses: [410],
    tags: ['auth'],
    summary: 'The password reset link was already used.',
  },
  'reset-token-expired': { statuses: [410], tags: ['auth'], summary: 'The password reset link has expired.' },
  // 412, 413, 415, 422, 428, 429.
  'precondition-failed': { statuses: [412], summary: 'If-Match does not name the current version.' },
  'body-too-large': { statuses: [413], summary: 'The body is larger than the operation takes.' },
  'recording-too-large': {
    statuses: [413],
    tags: ['recordings'],
    summary: 'A recording is larger than allowed (MC-14, 200 MB by default).',
  },
  'range-not-satisfiable': {
    statuses: [416],
    tags: ['recordings'],
    summary: 'The byte range asked for is outside the file; `Content-Range` gives its size.',
  },
  'image-too-large': {
    statuses: [413],
    tags: ['screenshots'],
    summary: 'The screenshot image is larger than allowed.',
  },
  'signal-too-large': {
    statuses: [413],
    tags: ['calls'],
    summary: 'The signal payload is larger than allowed.',
  },
  'unsupported-media-type': { statuses: [415], summary: 'The body is not of a type the operation takes.' },
  'idempotency-key-reused': {
    statuses: [422],
    summary: 'This Idempotency-Key was used with a different request.',
  },
  'assignee-not-eligible': {
    statuses: [422],
    tags: ['sessions'],
    summary: 'The user named cannot take this session.',
  },
  'report-retention': {
    statuses: [422],
    tags: ['reports'],
    summary: 'Reports reach back at most 90 days (MC-9).',
  },
  'import-invalid': {
    statuses: [422],
    tags: ['users'],
    summary: 'Rows of the import are invalid; each is named.',
  },
  'precondition-required': { statuses: [428], summary: 'Send If-Match with the version you read.' },
  'too-many-requests': { statuses: [429], summary: 'Too many attempts; `Retry-After` says when to retry.' },
  // 5xx.
  internal: { statuses: [500], summary: 'Something went wrong on the server’s side.' },
  'http-error': { statuses: [400, 500, 503], summary: 'A failure of the HTTP layer.' },
} as const satisfies Record<string, ProblemType>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

/**
 * The problem codes a response of `status` can carry, in catalog order: those of any operation, and
 * those limited to one of `tags` (an operation's tags; all of them when `tags` is not given).
 */
export function codesOf(status: number, tags?: readonly string[]): ProblemCode[] {
  return (Object.keys(PROBLEM_TYPES) as ProblemCode[]).filter((code) => {
    const type: ProblemType = PROBLEM_TYPES[code];
    if (!type.statuses.includes(status)) return false;
    return !tags || !type.tags || type.tags.some((t) => tags.includes(t));
  });
}
