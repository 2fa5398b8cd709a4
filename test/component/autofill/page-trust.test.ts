import { describe, expect, it } from 'vitest';
import { confirmationQuestion, isLoopback } from '../../../extension/features/autofill/page-trust.ts';

describe('isLoopback', () => {
  it.each(['localhost', 'minio.localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (host) =>
    expect(isLoopback(host)).toBe(true),
  );
  it.each(['console.test', '127.0.0.1.nip.io', '10.0.0.1', 'localhost.evil.com'])('%s is not', (host) =>
    expect(isLoopback(host)).toBe(false),
  );
});

describe('confirmationQuestion', () => {
  it('asks on http: off loopback', () =>
    expect(confirmationQuestion(new URL('http://console.test:9001/'))).toMatch(/not encrypted/));
  it('asks on a punycode host name', () =>
    expect(confirmationQuestion(new URL('https://xn--mnio-8pa.example/'))).toMatch(/look-alike/));
  it('does not ask on https: or loopback http:', () => {
    expect(confirmationQuestion(new URL('https://minio.example.com/'))).toBeNull();
    expect(confirmationQuestion(new URL('http://127.0.0.1:9001/'))).toBeNull();
  });
});
