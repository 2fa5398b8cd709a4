/**
 * Who the client is, for the failed-authentication limit. The socket's peer, unless that peer is a
 * trusted reverse proxy: then the right-most address of `X-Forwarded-For` that is not itself a trusted
 * proxy. A client can put anything on the left of that header, so nothing left of the first untrusted
 * hop is believed, and a header from an untrusted peer is ignored altogether.
 * @module
 */
import { isIP } from 'node:net';

/** The client's address from the socket peer and the `X-Forwarded-For` value(s) it sent. */
export function clientAddress(
  peer: string,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string {
  const trusted = new Set(trustedProxies.map(canonicalAddress));
  const address = canonicalAddress(peer);
  if (!trusted.has(address) || !forwardedFor) return address;
  const hops = forwardedFor
    .split(',')
    .map((hop) => canonicalAddress(hop.trim()))
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i]!;
  // Every hop is a trusted proxy: the request started at the left-most one.
  return hops[0] ?? address;
}

/**
 * Who a failure is counted against: the client's address, except that every loopback address
 * (127.0.0.0/8, ::1) is this one machine — a local process can pick any of 16 million of them.
 */
export function failureClient(address: string): string {
  return /^127\./.test(address) || address === '::1' ? 'loopback' : address;
}

/** One spelling per address: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) as IPv4, IPv6 in lower case. */
function canonicalAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  return isIP(address) === 6 ? address.toLowerCase() : address;
}
