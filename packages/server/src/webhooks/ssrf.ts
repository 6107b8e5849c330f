import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Refusing receivers on private networks (SI-12): a webhook must not be a way to make the server
 * call internal services. A host that is, or resolves to, anything but a public unicast address
 * (loopback, private, link-local, CGNAT, multicast, unspecified, reserved, …; IPv4-mapped IPv6
 * included) is refused unless the server was started with `SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE=1`.
 * The check runs when an endpoint is saved and again at every delivery on the very addresses the
 * connection uses, so DNS rebinding after the first check does not help.
 */

/** Why a URL is refused; `code` is the problem code. */
export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError';
  constructor(
    readonly code: 'webhook-url-invalid' | 'webhook-url-private',
    message: string,
  ) {
    super(message);
  }
}

/** The range ipaddr.js gives an address, IPv4-mapped IPv6 seen as its IPv4. */
export function addressRange(address: string): string {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range();
}

/** Whether a literal IP address is public unicast. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return addressRange(address) === 'unicast';
}

/** The URL's host as an IP literal (brackets stripped), or undefined for a name. */
function literalHost(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(host) ? host : undefined;
}

/**
 * Checks what can be seen without DNS: an absolute `https` URL (`http` too when private targets are
 * allowed), no user or password, and an IP literal host must be public (unless allowed).
 * @example
 * const url = checkUrlShape('https://crm.example.com/hooks', false);
 */
export function checkUrlShape(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('webhook-url-invalid', 'The URL is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new UnsafeUrlError(
      'webhook-url-invalid',
      allowPrivate ? 'The URL must use https or http.' : 'The URL must use https.',
    );
  }
  if (url.username || url.password) {
    throw new UnsafeUrlError('webhook-url-invalid', 'The URL must not carry a user name or password.');
  }
  if (!url.hostname) throw new UnsafeUrlError('webhook-url-invalid', 'The URL has no host.');
  const literal = literalHost(url);
  if (literal && !allowPrivate && !isPublicAddress(literal)) {
    throw new UnsafeUrlError(
      'webhook-url-private',
      `The host ${literal} is a ${addressRange(literal)} address; receivers must be on the public internet.`,
    );
  }
  return url;
}

function refusedAddress(host: string, address: string): UnsafeUrlError {
  return new UnsafeUrlError(
    'webhook-url-private',
    `The host ${host} resolves to ${address}, a ${addressRange(address)} address; receivers must be on the public internet.`,
  );
}

/**
 * {@link checkUrlShape}, then the addresses the host name resolves to now: every one must be public.
 * A name that does not resolve passes (it is checked again at each delivery).
 */
export async function checkUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = checkUrlShape(raw, allowPrivate);
  if (allowPrivate || literalHost(url)) return url;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(url.hostname, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  if (bad) throw refusedAddress(url.hostname, bad.address);
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request` that refuses non-public addresses: the connection goes to an
 * address this function approved, so a name cannot resolve to a public address at the check and a
 * private one at the connection.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      if (!allowPrivate) {
        const bad = addresses.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(refusedAddress(hostname, bad.address) as NodeJS.ErrnoException, '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}
