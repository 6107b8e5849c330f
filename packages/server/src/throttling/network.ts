import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a client address is counted under: an IPv4 address as is (also when written as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64 prefix — one subscriber usually holds a whole
 * /64, so counting single IPv6 addresses would hand an attacker 2⁶⁴ fresh counters. Anything else
 * (`local` for in-process requests) is kept as is.
 * @example
 * clientNetwork('::ffff:203.0.113.7'); // '203.0.113.7'
 * clientNetwork('2001:db8:1:2:aa::1'); // '2001:db8:1:2::/64'
 */
export function clientNetwork(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address;
  const groups = expandIPv6(bare);
  const prefix = groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
  return `${prefix}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, in lower case (an embedded IPv4 tail becomes two). */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right];
}
