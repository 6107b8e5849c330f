import type { components } from '@sightline/api-client';
import { isWebUrl } from '@sightline/core/rules';
import type { Problem } from '../shared/sdk.js';
import type { Terms } from '../shared/translations.js';

// The request form's checks (VS-1, VS-10): the same limits the server applies, so most mistakes are
// shown at once; what the server still refuses lands on its field through `fieldErrors`.

/** A device as `GET /v1/devices` returns it (the fields the flow reads). */
export type FlowDevice = Pick<components['schemas']['Device'], 'id' | 'name' | 'portal' | 'summaryQuestion'>;
/** The form's fields that can carry an error. */
export type Field = 'device' | 'reason' | 'tickets' | 'consent' | 'summaryConsent';
/** An answer to a consent question; empty until chosen. */
export type Consent = '' | 'granted' | 'denied';

const MAX_REASON = 2000;
const MAX_TICKETS = 20;

/** Ticket links, one per line (blank lines ignored), each with its 1-based line number. */
export function parseTicketLines(text: string): { line: number; url: string }[] {
  return text
    .split('\n')
    .map((raw, i) => ({ line: i + 1, url: raw.trim() }))
    .filter((t) => t.url !== '');
}

/** The form as entered. */
export interface RequestInput {
  devices: readonly FlowDevice[];
  device: FlowDevice | undefined;
  reason: string;
  tickets: string;
  consent: Consent;
}

/** Errors per field before sending (empty when the request may go). */
export function validateRequest(t: Terms, input: RequestInput): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (input.devices.length > 1 && !input.device) errors.device = t.deviceRequired;
  const reason = input.reason.trim();
  if (!reason) errors.reason = t.reasonRequired;
  else if (reason.length > MAX_REASON) errors.reason = t.reasonTooLong;
  const lines = parseTicketLines(input.tickets);
  const bad = lines.find((l) => !isWebUrl(l.url));
  if (bad) errors.tickets = t.ticketInvalid(bad.line);
  else if (lines.length > MAX_TICKETS) errors.tickets = t.tooManyTickets;
  if (input.device?.portal.recordingEnabled && !input.consent) errors.consent = t.consentRequired;
  return errors;
}

/** Maps the server's `errors[].path` (`body.reason`, `body.ticketLinks.2` …) to the form's fields. */
export function fieldErrors(t: Terms, problem: Problem, tickets: string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const lines = parseTicketLines(tickets);
  for (const e of problem.errors ?? []) {
    const [, field, index] = e.path.split('.');
    if (field === 'reason') errors.reason ??= t.reasonRequired;
    else if (field === 'deviceId') errors.device ??= t.deviceRequired;
    else if (field === 'recordingConsent') errors.consent ??= t.consentRequired;
    else if (field === 'ticketLinks') {
      const line = index === undefined ? undefined : lines[Number(index)]?.line;
      errors.tickets ??= line === undefined ? t.tooManyTickets : t.ticketInvalid(line);
    }
  }
  return errors;
}
