import { describe, expect, it } from 'vitest';
import { assertPublicUrl, blockedAddressReason, checkUrlShape, embeddedIpv4, isBlockedAddress, resolvePublicHost, resolveSafely } from '../../../src/lib/safe-fetch';

describe('address checks of the SSRF-safe fetcher', () => {
  it.each([
    // IPv4: this network, private, CGNAT, loopback, link-local + metadata, protocol, test nets, benchmarking, multicast, reserved
    '0.0.0.0', '0.1.2.3', '10.0.0.1', '10.255.255.255', '100.64.0.1', '100.100.100.200', '100.127.255.255', '127.0.0.1', '127.255.255.254',
    '169.254.169.254', '169.254.0.1', '172.16.0.1', '172.31.255.255', '192.0.0.192', '192.0.2.10', '192.88.99.1', '192.168.1.1',
    '198.18.0.1', '198.19.255.255', '198.51.100.7', '203.0.113.9', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
    // IPv6: unspecified, loopback, IPv4-compatible, discard, documentation, Teredo, ULA (AWS metadata), link-local, site-local, multicast
    '::', '::1', '::127.0.0.1', '100::1', '2001:db8::1', '2001:0:4136:e378::1', 'fc00::1', 'fd00:ec2::254', 'fe80::1', 'fe80::1%eth0', 'fec0::1', 'ff02::1',
    // IPv6 carrying a blocked IPv4: mapped (dotted and hex), SIIT, NAT64, 6to4
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:a9fe:a9fe', '::ffff:0:10.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b::10.1.2.3',
    '64:ff9b:1::c0a8:1', '2002:a9fe:a9fe::1', '2002:7f00:1::',
  ])('refuses %s', (addr) => {
    expect(blockedAddressReason(addr)).toBeDefined();
    expect(isBlockedAddress(addr)).toBe(true);
  });

  it.each(['1.1.1.1', '8.8.8.8', '93.184.216.34', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '169.253.255.255', '192.169.0.1', '198.20.0.1',
    '2606:4700:4700::1111', '2a00:1450:4001:81c::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('allows the public address %s', (addr) => {
    expect(blockedAddressReason(addr)).toBeUndefined();
  });

  it('unwraps IPv4 carried in IPv6', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIpv4('64:ff9b::a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIpv4('2002:c0a8:101::')).toBe('192.168.1.1');
    expect(embeddedIpv4('2606:4700::1')).toBeUndefined();
    expect(blockedAddressReason('not-an-ip')).toBe('not an IP address');
  });

  it('checks URLs before any DNS: scheme, credentials, literal and internal hosts', () => {
    const reason = (u: string) => {
      const r = checkUrlShape(u);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason('https://hooks.example.com/x?y=1')).toBe('ok');
    expect(reason('ftp://example.com')).toMatch(/Only http/);
    expect(reason('file:///etc/passwd')).toMatch(/Only http/);
    expect(reason('gopher://127.0.0.1:6379/_')).toMatch(/Only http/);
    expect(reason('https://user:pw@example.com/')).toMatch(/user name or password/);
    expect(reason('http://127.1/')).toMatch(/loopback|private/); // URL parsing normalises short forms
    expect(reason('http://2130706433/')).toMatch(/loopback|private/); // decimal 127.0.0.1
    expect(reason('http://0x7f000001/')).toMatch(/loopback|private/);
    expect(reason('http://[::ffff:169.254.169.254]/latest')).toMatch(/metadata|IPv6/);
    expect(reason('http://[fd00:ec2::254]/')).toMatch(/IPv6/);
    expect(reason('http://localhost:3000/')).toMatch(/internal host name/);
    expect(reason('http://metadata.google.internal/computeMetadata/v1/')).toMatch(/internal host name/);
    expect(reason('http://printer.local/')).toMatch(/internal host name/);
    expect(reason('not a url')).toMatch(/not a valid URL/);
  });

  it('refuses a host name that resolves to any private address (every answer is checked)', async () => {
    const lookup = (async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }]) as never;
    await expect(resolveSafely(new URL('https://mixed.example.com/'), { lookup })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('10.0.0.5') });
    const ok = (async () => [{ address: '93.184.216.34', family: 4 }]) as never;
    await expect(resolveSafely(new URL('https://ok.example.com/'), { lookup: ok })).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    const v6 = (async () => [{ address: '::ffff:127.0.0.1', family: 6 }]) as never;
    await expect(resolveSafely(new URL('https://rebind.example.com/'), { lookup: v6 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a webhook URL whose name resolves privately at save time, and lets an unresolvable one through to be checked on every send', async () => {
    const privateDns = (async () => [{ address: '169.254.169.254', family: 4 }]) as never;
    await expect(assertPublicUrl('https://rebind.example.com/hook', { lookup: privateDns })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('169.254.169.254') });
    const nx = (async () => {
      throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    }) as never;
    await expect(assertPublicUrl('https://not-yet.example.com/hook', { lookup: nx })).resolves.toMatchObject({ resolved: false });
    await expect(resolvePublicHost('localhost')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('internal host name') });
    await expect(resolvePublicHost('10.1.2.3')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
