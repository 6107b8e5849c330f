import * as z from 'zod/mini';
import { Feature } from './enums.js';

/**
 * Opaque identifier: a non-empty string. The server chooses the format (UUIDs today); clients must
 * not parse it.
 */
export const Id = z.string().check(z.minLength(1), z.maxLength(200));
/** An opaque identifier. */
export type Id = z.infer<typeof Id>;

/**
 * Wire format of every instant: an ISO 8601 date-time string, UTC or with an offset
 * (`new Date().toISOString()` produces one). The rules take `Date` parameters for "now"; the wire and
 * the credit ledger keep strings so that JSON round-trips are lossless.
 * @example
 * z.parse(IsoDateTime, '2026-11-01T00:00:00.000Z');
 */
export const IsoDateTime = z.iso.datetime({ offset: true });
/** An ISO 8601 date-time string. */
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/**
 * Per-team or per-agent feature switches (MC-5). A missing key means "not set here": the value is
 * inherited from the nearest ancestor team that sets it.
 */
export const FeatureSettings = z.partialRecord(z.enum(Feature), z.boolean());
/** Partial feature switches; see {@link FeatureSettings}. */
export type FeatureSettings = z.infer<typeof FeatureSettings>;

/** The schemes a stored or rendered link may have: anything else (`javascript:`, `data:`, `vbscript:`, `file:`…) is refused. */
export const WEB_URL_PROTOCOLS: readonly string[] = ['http:', 'https:'];

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const PORT = '(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?';

/**
 * The shape of a link that may be stored: `http://` or `https://` (any case), a host name whose last
 * label starts with a letter or an IPv4 address, an optional port, then any printable ASCII
 * (non-ASCII characters percent-encoded, host names in punycode, as browsers copy them). The API
 * contract declares this pattern, so what it documents and what is accepted are the same.
 */
export const WEB_URL_PATTERN = `^[Hh][Tt][Tt][Pp][Ss]?://(?:(?:${LABEL}\\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?|${OCTET}(?:\\.${OCTET}){3})${PORT}(?:[/?#][!-~]*)?$`;
const WEB_URL = new RegExp(WEB_URL_PATTERN);

/**
 * Whether a text is an absolute `http:` or `https:` URL with a host, exactly as given
 * ({@link WEB_URL_PATTERN}): no surrounding spaces, no whitespace or control characters inside (the
 * URL parser would silently drop tabs and line breaks, so `java\tscript:` or ` javascript:` must not
 * slip through as something else), and parseable as a URL. Where a URL is stored (ticket links) the
 * server refuses anything else, and the elements check again before rendering one as a link:
 * anything else is shown as plain text.
 * @example
 * isWebUrl('https://tickets.example/T-1'); // true
 * isWebUrl('JavaScript:alert(1)'); // false
 */
export function isWebUrl(value: string): boolean {
  if (!WEB_URL.test(value)) return false;
  try {
    return WEB_URL_PROTOCOLS.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * A link as stored: an absolute http(s) URL, see {@link isWebUrl}.
 * @example
 * z.parse(WebUrl, 'https://tickets.example/T-1');
 */
export const WebUrl = z
  .string()
  .check(z.maxLength(2000), z.refine(isWebUrl, 'Only absolute http: and https: URLs are accepted.'));
/** An absolute http(s) URL. */
export type WebUrl = z.infer<typeof WebUrl>;
