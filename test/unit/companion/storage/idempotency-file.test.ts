import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableJSONFile } from '../../../../companion/storage/durable-json-file.ts';
import { openIdempotencyFile } from '../../../../companion/storage/idempotency-file.ts';

const sealed = { kid: 'k', iv: 'aXY=', tag: 'dGFn', ct: 'Y3Q=' };

describe('idempotency file (lowdb)', () => {
  it('a finished answer survives a reopen; an expired one and an unfinished claim do not', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 's3keys-idem-')), 'idempotency.json');
    let clock = 1_000;
    const open = () =>
      openIdempotencyFile({ adapter: new DurableJSONFile(file), source: file, now: () => clock });
    const answers = await open();
    expect(await answers.claim('usr', 'done', 'POST /a {}', 5_000)).toBeNull();
    await answers.complete('usr', 'done', sealed, 5_000);
    expect(await answers.claim('usr', 'running', 'POST /b {}', 5_000)).toBeNull();

    const reopened = await open();
    expect(await reopened.claim('usr', 'done', 'POST /a {}', 9_000)).toEqual({
      fingerprint: 'POST /a {}',
      expiresAt: 5_000,
      response: sealed,
    });
    // The claim died with the process: a retry runs again.
    expect(await reopened.claim('usr', 'running', 'POST /b {}', 9_000)).toBeNull();
    clock = 6_000;
    expect(await (await open()).claim('usr', 'done', 'POST /a {}', 9_000)).toBeNull();
  });
});
