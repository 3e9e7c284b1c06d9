import { describe, expect, it } from 'vitest';
import { addressKind, hostRefusal, maskUrl, urlRefusal } from '../../server/webhooks/ip-ranges';

describe('webhook target ranges', () => {
  it.each([
    // IPv4
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['169.255.0.1', 'public'],
    // inet_aton spellings of loopback and metadata
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['017700000001', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['0xa9.0xfe.0xa9.0xfe', 'metadata'],
    ['2852039166', 'metadata'],
    ['0', 'unspecified'],
    // IPv6
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:0808:0808::1', 'public'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['[fe80::1%25eth0]', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:80b::200e', 'public'],
  ])('%s is %s', (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
  });

  it('tells names from literals', () => {
    for (const name of ['example.com', 'hooks.slack.com', '1.example', '0x7f.example', '08.0.0.1', '1.2.3.4.5', '256.1.1.1', ':::', '1::2::3', 'fe80::g']) expect(addressKind(name)).toBeUndefined();
    expect(addressKind('1.2.3')).toBe('public');
    expect(addressKind('4294967296')).toBeUndefined();
    expect(addressKind('1:2:3:4:5:6:7:8:9')).toBeUndefined();
  });

  it.each([
    ['localhost', 'loopback'],
    ['LOCALHOST', 'loopback'],
    ['localhost.', 'loopback'],
    ['api.localhost', 'loopback'],
    ['intranet', 'internal-name'],
    ['metadata.google.internal', 'internal-name'],
    ['printer.local', 'internal-name'],
    ['nas.home.arpa', 'internal-name'],
    ['example.com', null],
    ['example.com.', null],
    ['hooks.slack.com', null],
    ['localhost.example.com', null],
    ['8.8.8.8', null],
    ['10.0.0.1', 'private'],
  ])('host %s → %s', (host, refusal) => {
    expect(hostRefusal(host)).toBe(refusal);
  });

  it.each([
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.0.0.1:8080/hook', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::1]:8787/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:169.254.169.254]/latest/meta-data', 'metadata'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://localhost:3000/', 'loopback'],
    ['http://127.0.0.1./', 'loopback'],
    ['http://0.0.0.0:8787/', 'unspecified'],
    ['http://192.168.0.10/', 'private'],
    ['http://100.100.100.200/', 'cgnat'],
    ['http://[fd00::1]/', 'unique-local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://224.0.0.251/', 'multicast'],
    ['ftp://example.com/', 'scheme'],
    ['not a url', 'scheme'],
    ['https://hooks.slack.com/services/T0/B0/XXXX', null],
    ['https://8.8.8.8/hook', null],
  ])('url %s → %s', (url, refusal) => {
    expect(urlRefusal(url)).toBe(refusal);
  });

  it('masks a URL to its scheme and host', () => {
    expect(maskUrl('https://hooks.slack.com/services/T0/B0/XXXX?token=1')).toBe('https://hooks.slack.com/…');
    expect(maskUrl('http://user:pass@example.com:8080/x')).toBe('http://example.com:8080/…');
  });
});
