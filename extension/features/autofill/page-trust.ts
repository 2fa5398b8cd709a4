/**
 * Which pages get a secret only after the user confirms in the page.
 * @module
 */

/** True for localhost, `*.localhost`, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/**
 * The question to ask before writing a secret into a page at `url`, or null to fill without asking.
 * Asks on plain http: off loopback (anyone on the path reads the form) and on internationalised
 * host names (`xn--`), the usual disguise of a look-alike domain.
 */
export function confirmationQuestion(url: URL): string | null {
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return `${url.host} is not encrypted (http:). Anyone on the network can read what you fill in. Fill your S3 secret key anyway?`;
  }
  if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return `${url.host} uses look-alike characters in its name. Fill your S3 secret key into this page?`;
  }
  return null;
}
