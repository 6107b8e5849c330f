// Which links may be stored and rendered (no zod here: pages that only check a link stay free of the
// schema library).

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
