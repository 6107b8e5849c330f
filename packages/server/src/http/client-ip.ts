import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import type { AppEnv } from '../context.js';

/** An address range: a network and its prefix length. */
export type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses an address or a CIDR range (`10.0.0.0/8`, `::1`); throws on anything else. */
export function parseRange(value: string): Range {
  if (value.includes('/')) return ipaddr.parseCIDR(value);
  const ip = ipaddr.parse(value);
  return [ip, ip.kind() === 'ipv4' ? 32 : 128];
}

/** Whether an address lies in one of the ranges (IPv4-mapped IPv6 seen as IPv4). */
export function inRanges(address: string, ranges: readonly Range[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

/** The socket's peer: the client, or the proxy in front of us ('local' for in-process requests). */
export function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/**
 * Finds the client behind trusted proxies (`SIGHTLINE_TRUSTED_PROXIES`): when the peer is one of
 * them, `X-Forwarded-For` is read from the right, skipping trusted hops; the first other address is
 * the client. A peer that is not trusted is the client itself, whatever it claims, so the header
 * cannot be used to dodge per-client throttles.
 */
export function clientAddress(trustedProxies: readonly string[]): MiddlewareHandler<AppEnv> {
  const trusted = trustedProxies.map(parseRange);
  return async (c, next) => {
    let address = peerAddress(c);
    if (trusted.length > 0 && inRanges(address, trusted)) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (let i = hops.length - 1; i >= 0; i--) {
        const hop = hops[i] as string;
        if (!ipaddr.isValid(hop)) break;
        address = hop;
        if (!inRanges(hop, trusted)) break;
      }
    }
    c.set('clientAddress', address);
    await next();
  };
}

/** The client's address, the key of per-client throttles (see {@link clientAddress}). */
export function clientIp(c: Context): string {
  return (c.get('clientAddress') as string | undefined) ?? peerAddress(c);
}
