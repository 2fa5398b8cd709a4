// The security matrix of issue 14: one named row per finding (1–12) and per attack that held, so none
// can come back unnoticed. A row is either proven here, in-process against the real app, or by the named
// test elsewhere that already proves it (no twin copies); a referenced test is checked to exist, word
// for word, in a file with nothing skipped, so renaming or skipping it fails this matrix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, ErrorBody } from '#shared/api';
import { ROOT } from '../helpers/companion-process.ts';
import { startInProcess, type InProcess } from '../helpers/in-process.ts';

/** A row proven by a test elsewhere: its file (from the repository root) and its title, verbatim. */
interface Proof {
  file: string;
  test: string;
}

const CONTRACT = 'test/api/contract.test.ts';
const PROCESS = 'test/api/companion-process.test.ts';

const PROVEN_ELSEWHERE: Record<string, Proof[]> = {
  'finding 1: token-less requests cannot lock a valid token out; failing tokens are limited per token id': [
    {
      file: CONTRACT,
      test: 'when a client keeps sending no token or a malformed one, then 429 with Retry-After; a valid token still works',
    },
    {
      file: CONTRACT,
      test: 'when a well-formed token keeps failing, then that token id gets 429; the valid token and other users still work',
    },
  ],
  'finding 3: a stale data lock is taken over by one process only': [
    {
      file: 'test/unit/companion/storage/lock-file.test.ts',
      test: 'when 8 processes start at once on a stale lock, then one takes it and never two hold it together',
    },
  ],
  'finding 4: unsafe data directories and master keys are refused; temp files are not written through links':
    [
      {
        file: 'test/unit/companion/storage/data-dir.test.ts',
        test: 'when others may write into it, then the start is refused with the chmod to run',
      },
      {
        file: 'test/unit/companion/storage/data-dir.test.ts',
        test: 'when another user owns it, then the start is refused',
      },
      {
        file: 'test/unit/companion/storage/data-dir.test.ts',
        test: 'when a link is planted where a temp file used to be, then the write never goes through it',
      },
    ],
  'finding 5 (in part): forged X-Forwarded-For addresses do not reset the failure count': [
    {
      file: 'test/api/trusted-proxies.test.ts',
      test: 'a fresh forged address on every guess does not reset the count: the peer is locked out',
    },
  ],
  'finding 6: the command and menu ask on a new site; the popup names the site it fills': [
    {
      file: 'test/component/autofill/generalise.test.ts',
      test: 'when the key was never filled into this site (a gesture), then it asks, naming the site',
    },
    {
      file: 'test/component/fill-into-page.test.tsx',
      test: 'names the site it would fill beside the button, before any click, and in the button description',
    },
  ],
  'finding 7: a change committed just before a kill -9 is replayed to its retry': [
    {
      file: 'test/unit/companion/storage/idempotency-file.test.ts',
      test: 'a finished answer survives a reopen; an expired one and an unfinished claim do not',
    },
    {
      file: 'test/api/idempotency-crash.test.ts',
      test: 'a retry of a change that died between keeping its answer and committing runs again; before that it is in flight',
    },
    {
      file: 'test/ceph/crash-rounds.test.ts',
      test: 'rounds of a create/reset burst killed with SIGKILL at a random moment: nothing acknowledged is lost, every retry is replayed',
    },
  ],
  'finding 8: a failing audit write keeps a refusal a 403': [
    {
      file: 'test/api/audit-write-failure.test.ts',
      test: "a member's refused create and reset still get 403 forbidden; the failure is logged without the token",
    },
  ],
  'finding 9: a failed undo keeps its intent; keys of users the registry does not know are removed': [
    {
      file: 'test/unit/companion/keys/reconcile.test.ts',
      test: 'when a create fails and its undo fails too, then the intent stays until reconciliation removes the stray pair',
    },
    {
      file: 'test/unit/companion/keys/reconcile.test.ts',
      test: "when the service holds an account's user the registry knows nothing about, then its keys are removed",
    },
  ],
  'finding 10: a reset cut off between the gateway and the registry is repaired at restart': [
    {
      file: 'test/ceph/keys-on-rgw.test.ts',
      test: ': the unfinished reset rolls back; the acknowledged pair works again, the half-made one is gone',
    },
  ],
  'finding 11: sign-out locks the remembered pairs for the next user': [
    {
      file: 'test/component/sign-out.test.tsx',
      test: 'after alice signs out on the options page, bob signing in there finds them locked',
    },
  ],
  'finding 12: malformed Host values get JSON 403; lock-file messages; env quoting; CLI beside a running companion; registry-only intents':
    [
      { file: 'test/api/malformed-requests.test.ts', test: 'a Host of %s gets 403 host_not_allowed as JSON' },
      {
        file: 'test/unit/companion/storage/lock-file.test.ts',
        test: 'when companion.lock is a directory, then a clear message says so (no stack trace)',
      },
      {
        file: 'test/unit/extension/reveal-secret/secret-formats.test.ts',
        test: 'when pasted into a POSIX shell, sets exactly the values, whatever characters they hold',
      },
      {
        file: PROCESS,
        test: 'while the companion runs, a token revoked by the CLI stops working at once and a newly issued one works',
      },
      { file: PROCESS, test: "while the companion runs, the CLI's role change counts from the next request" },
      {
        file: 'test/unit/companion/keys/reconcile.test.ts',
        test: 'when a registry-only region has a leftover intent, then it is cleared',
      },
    ],
  'held: Host variants (DNS rebinding)': [
    { file: CONTRACT, test: 'when Host is not loopback with our port, then 403 host_not_allowed' },
    {
      file: PROCESS,
      test: 'when the Host header names another host (DNS rebinding), then 403 host_not_allowed',
    },
  ],
  'held: Origin variants': [
    {
      file: CONTRACT,
      test: 'when a POST comes from a web origin, then 403 origin_not_allowed and nothing is created',
    },
    {
      file: PROCESS,
      test: 'when a web page posts, then 403 origin_not_allowed; the extension origin passes',
    },
  ],
  'held: CSRF with text/plain or a form gets 415': [
    { file: CONTRACT, test: 'when a POST is not application/json, then 415' },
  ],
  'held: body limits by Content-Length': [{ file: CONTRACT, test: 'when the body is over 16 KiB, then 413' }],
  'held: slow bodies do not stop the companion answering': [
    {
      file: 'test/api/malformed-requests.test.ts',
      test: 'with 200 requests sending their bodies slowly, a valid request is still answered at once',
    },
  ],
  'held: role escalation (a member gets no key or status route)': [
    {
      file: CONTRACT,
      test: 'a member gets 403 on every key and status route, and the refused write is audited',
    },
    { file: CONTRACT, test: 'the audit log is admin only: member+ gets 403' },
  ],
  'held: cross-account reads': [
    { file: CONTRACT, test: "another account's keys and audit are never visible" },
  ],
  'held: parallel creates and resets have exactly one winner': [
    {
      file: PROCESS,
      test: '50 simultaneous creates: one 201, 49 key_exists; 50 simultaneous resets: one 200, 49 stale_key; one pair left',
    },
  ],
  'held: no secret or token in the data files or the logs': [
    {
      file: PROCESS,
      test: 'after create and reset, no secret or token is in any file of the data directory or in the logs',
    },
  ],
  'held: fuzzed methods, paths, headers and bodies stay within the contract': [
    { file: 'test/fuzz/companion-fuzz.test.ts', test: 'fuzzed requests within the contract' },
  ],
};

describe('security matrix: rows proven by a named test elsewhere', () => {
  it.each(Object.entries(PROVEN_ELSEWHERE))('%s', (_row, proofs) => {
    for (const { file, test } of proofs) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source, `${file} has no test named "${test}"`).toContain(test);
      expect(source, `${file} skips or singles out tests`).not.toMatch(
        /\b(it|test|describe)\.(skip|only|todo)\b/,
      );
    }
  });
});

describe('security matrix: rows proven here', () => {
  let api: InProcess;
  beforeEach(async () => {
    api = await startInProcess();
  });
  afterEach(() => api.close());

  const codeOf = async (response: Response) => ErrorBody.parse(await response.json()).error.code;

  it('held: prototype pollution through a JSON body is refused and pollutes nothing', async () => {
    for (const body of [
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"admin":true}}}',
      '{"accessKeyId":"AKIAAAAAAAAAAAAAAAAA","__proto__":{"role":"admin"}}',
    ]) {
      const response = await api.call('alice', '/api/v1/regions/demo-north-1/key', { body });
      expect([response.status, await codeOf(response)]).toEqual([400, 'invalid_request']);
      const escalation = await api.call('carol', '/api/v1/regions/demo-north-1/key', { body });
      expect(escalation.status).toBe(403);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(await api.keyRecords()).toEqual([]);
  });

  it('held: odd region ids get 404 region_not_found, create nothing, and are not stored in the audit (finding 2, in part)', async () => {
    const odd = [
      '..%2F..%2Fetc%2Fpasswd',
      'demo-north-1%00',
      'DEMO-NORTH-1',
      'd%C3%A9mo-north-1',
      '-demo',
      'x'.repeat(16_000),
      '__proto__',
    ];
    for (const id of odd) {
      const response = await api.call('alice', `/api/v1/regions/${id}/key`, { body: {} });
      expect([response.status, await codeOf(response)], id.slice(0, 40)).toEqual([404, 'region_not_found']);
      await api.call('carol', `/api/v1/regions/${id}/key`, { body: {} });
    }
    expect(await api.keyRecords()).toEqual([]);
    const { events } = AuditLog.parse(await (await api.call('alice', '/api/v1/audit?limit=100')).json());
    const regions = events.map((e) => e.region);
    expect(regions.every((r) => r === null || r.length <= 63)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('x'.repeat(100));
  });

  it('held: a chunked body (no Content-Length) over 16 KiB gets 413 and creates nothing', async () => {
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await api.app.request('http://127.0.0.1:8787/api/v1/regions/demo-north-1/key', {
      method: 'POST',
      headers: {
        Host: '127.0.0.1:8787',
        Authorization: `Bearer ${api.tokens.alice!.token}`,
        'Content-Type': 'application/json',
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect([response.status, await codeOf(response)]).toEqual([413, 'payload_too_large']);
    expect(await api.keyRecords()).toEqual([]);
  });
});
