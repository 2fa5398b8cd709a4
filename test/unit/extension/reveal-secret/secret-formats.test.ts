import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { asEnvironment, shellQuote } from '../../../../extension/features/reveal-secret/secret-formats.ts';
import type { PendingSecret } from '../../../../extension/lib/pending-secret.ts';

const run = promisify(execFile);

const secret = (over: Partial<PendingSecret> = {}): PendingSecret => ({
  region: 'demo-south-1',
  accessKeyId: 'AKSOUTH0000000000002',
  secretAccessKey: 'sEcReT/0123456789abcdefghijABCDEFGHIJ+xyz',
  createdAt: '2026-11-27T10:00:00.000Z',
  kind: 'create',
  regionName: 'Demo South',
  endpoint: 'http://127.0.0.1:7482',
  replacedAccessKeyId: null,
  ...over,
});

/** What a POSIX shell (dash, Debian's /bin/sh) holds in the four variables after running `script`. */
async function exportedBy(script: string) {
  const { stdout } = await run('/bin/sh', [
    '-c',
    `${script}printf '%s\\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_DEFAULT_REGION" "$AWS_ENDPOINT_URL"`,
  ]);
  return stdout.split('\0').slice(0, 4);
}

describe('copy as environment variables', () => {
  it('single-quotes every value', () => {
    expect(asEnvironment(secret())).toBe(
      [
        "export AWS_ACCESS_KEY_ID='AKSOUTH0000000000002'",
        "export AWS_SECRET_ACCESS_KEY='sEcReT/0123456789abcdefghijABCDEFGHIJ+xyz'",
        "export AWS_DEFAULT_REGION='demo-south-1'",
        "export AWS_ENDPOINT_URL='http://127.0.0.1:7482'",
        '',
      ].join('\n'),
    );
  });

  it("closes, escapes and reopens an embedded single quote: it's → 'it'\\''s'", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });

  it('when pasted into a POSIX shell, sets exactly the values, whatever characters they hold', async () => {
    const hostile = secret({
      accessKeyId: "AK'; touch /tmp/pwned; '",
      secretAccessKey: `a b"c'$HOME\`id\`$(id)\\n*?[x]~!#&|;<>'`,
      region: "o'reilly",
      endpoint: 'http://127.0.0.1:7482/?a=1&b=$PATH',
    });
    expect(await exportedBy(asEnvironment(hostile))).toEqual([
      hostile.accessKeyId,
      hostile.secretAccessKey,
      hostile.region,
      hostile.endpoint,
    ]);
  });
});
