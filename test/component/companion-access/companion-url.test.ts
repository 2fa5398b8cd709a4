import { describe, expect, it } from 'vitest';
import { checkCompanionUrl } from '@/features/companion-access/companion-url.ts';

describe('which companion URLs Connect accepts', () => {
  it.each([
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://127.0.0.2:9000', 'http://127.0.0.2:9000'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
    ['  https://keys.team.test:18788  ', 'https://keys.team.test:18788'],
    ['https://example.com/s3keys/', 'https://example.com/s3keys'],
    ['https://10.0.0.5', 'https://10.0.0.5'],
  ])('accepts %s as %s', (typed, base) => {
    expect(checkCompanionUrl(typed)).toEqual({ ok: true, base });
  });

  it.each([
    'http://keys.team.test:18788',
    'http://10.0.0.5:8787',
    'http://192.168.1.20',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
  ])('refuses %s: http off this computer would send the token in clear', (typed) => {
    const result = checkCompanionUrl(typed);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(
      /only over https:\/\/.*token would cross the network in clear/,
    );
  });

  it.each([
    ['keys.team.test', /Enter the companion’s URL/],
    ['ftp://keys.team.test', /starts with https:\/\//],
    ['https://user:pw@keys.team.test', /without a user name, password/],
    ['https://keys.team.test/?x=1', /without a user name, password, query/],
  ])('refuses %s with a message that says what to type', (typed, message) => {
    const result = checkCompanionUrl(typed);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(message);
  });
});
