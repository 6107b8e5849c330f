import { describe, expect, it } from 'vitest';
import { clientNetwork } from './network.js';

describe('clientNetwork', () => {
  it('keeps IPv4 addresses, also IPv4-mapped IPv6 ones', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::FFFF:198.51.100.1')).toBe('198.51.100.1');
  });

  it('counts IPv6 addresses by their /64, however they are written', () => {
    const net = '2001:db8:1:2::/64';
    expect(clientNetwork('2001:db8:1:2::1')).toBe(net);
    expect(clientNetwork('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(net);
    expect(clientNetwork('2001:DB8:1:2:aa:bb:cc:dd')).toBe(net);
    expect(clientNetwork('[2001:db8:1:2::5]')).toBe(net);
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('2001:db8:1:3::1')).not.toBe(net);
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything that is not an address as it is', () => {
    expect(clientNetwork('local')).toBe('local');
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
