import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../../companion/http/client-address.ts';

describe('clientAddress', () => {
  it('is the peer when the peer is not a trusted proxy, whatever the header says', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', [])).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.7', '203.0.113.1', ['127.0.0.1'])).toBe('198.51.100.7');
  });

  it('is the right-most hop that is not a trusted proxy when the peer is one', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.1', ['127.0.0.1'])).toBe('203.0.113.1');
    expect(clientAddress('127.0.0.1', '10.0.0.9, 203.0.113.1, 192.0.2.1', ['127.0.0.1', '192.0.2.1'])).toBe(
      '203.0.113.1',
    );
  });

  it('is the peer when a trusted proxy sent no header, and the left-most hop when every hop is trusted', () => {
    expect(clientAddress('127.0.0.1', undefined, ['127.0.0.1'])).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '192.0.2.1', ['127.0.0.1', '192.0.2.1'])).toBe('192.0.2.1');
  });

  it('matches IPv4-mapped IPv6 peers and IPv6 in any case', () => {
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.1', ['127.0.0.1'])).toBe('203.0.113.1');
    expect(clientAddress('2001:DB8::1', '203.0.113.1', ['2001:db8::1'])).toBe('203.0.113.1');
  });
});
