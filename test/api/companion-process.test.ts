// The real companion process over a real socket: raw Host and Origin headers, concurrency, restart,
// one writer per data directory, corrupt data, show-once in files and logs, clean stop.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegionList, Secret } from '#shared/api';
import { ROOT, runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';
import { rawRequest } from '../helpers/raw-http.ts';

let dataDir: string;
let tokens: Record<string, { token: string }>;
let companion: CompanionProcess | undefined;
const logs: string[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3keys-process-'));
  const demo = await runCli(['demo', '--data', dataDir]);
  expect(demo.code).toBe(0);
  logs.push(demo.stdout, demo.stderr);
  tokens = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8'));
  companion = await startCompanion(dataDir);
});

afterEach(async () => {
  if (companion) {
    await companion.stop();
    logs.push(companion.output());
  }
  companion = undefined;
});

const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]!.token}` });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${companion!.url}${path}`, {
    method: 'POST',
    headers: { ...auth('alice'), 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('request hygiene on a real socket', () => {
  it('when the Host header names another host (DNS rebinding), then 403 host_not_allowed', async () => {
    const rebinding = await rawRequest(`${companion!.url}/api/v1/me`, {
      headers: { Host: `attacker.example:${companion!.port}`, ...auth('alice') },
    });
    expect(rebinding.status).toBe(403);
    expect(rebinding.json().error.code).toBe('host_not_allowed');
    const local = await rawRequest(`${companion!.url}/api/v1/me`, {
      headers: { Host: `localhost:${companion!.port}`, ...auth('alice') },
    });
    expect(local.status).toBe(200);
  });

  it('when a web page posts, then 403 origin_not_allowed; the extension origin passes', async () => {
    const fromWeb = await post('/api/v1/regions/demo-north-1/key', {}, { Origin: 'https://evil.example' });
    expect(fromWeb.status).toBe(403);
    expect(((await fromWeb.json()) as any).error.code).toBe('origin_not_allowed');
    const fromExtension = await post(
      '/api/v1/regions/demo-north-1/key',
      {},
      { Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    );
    expect(fromExtension.status).toBe(201);
  });

  it('listens on 127.0.0.1 by default', () => {
    expect(companion!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('concurrency', () => {
  it('50 simultaneous creates: one 201, 49 key_exists; 50 simultaneous resets: one 200, 49 stale_key; one pair left', async () => {
    const creates = await Promise.all(
      Array.from({ length: 50 }, () => post('/api/v1/regions/demo-north-1/key', {})),
    );
    const createCodes = await Promise.all(
      creates.map(async (r) => (r.status === 201 ? 201 : ((await r.json()) as any).error.code)),
    );
    expect(createCodes.filter((c) => c === 201)).toHaveLength(1);
    expect(createCodes.filter((c) => c === 'key_exists')).toHaveLength(49);
    const created = Secret.parse(await creates[createCodes.indexOf(201)]!.json());

    const resets = await Promise.all(
      Array.from({ length: 50 }, () =>
        post('/api/v1/regions/demo-north-1/key/reset', { accessKeyId: created.accessKeyId }),
      ),
    );
    const resetCodes = await Promise.all(
      resets.map(async (r) => (r.status === 200 ? 200 : ((await r.json()) as any).error.code)),
    );
    expect(resetCodes.filter((c) => c === 200)).toHaveLength(1);
    expect(resetCodes.filter((c) => c === 'stale_key')).toHaveLength(49);
    const reset = Secret.parse(await resets[resetCodes.indexOf(200)]!.json());

    const { regions } = RegionList.parse(
      await (await fetch(`${companion!.url}/api/v1/regions`, { headers: auth('bob') })).json(),
    );
    expect(regions[0]!.key!.accessKeyId).toBe(reset.accessKeyId);
    // After a clean stop the registry file alone holds the whole registry.
    await companion!.stop();
    companion = undefined;
    const file = JSON.parse(await readFile(join(dataDir, 'registry.json'), 'utf8'));
    const current = file.keys.filter((k: any) => k.regionId === 'demo-north-1' && k.state === 'current');
    expect(current.map((k: any) => k.accessKeyId)).toEqual([reset.accessKeyId]);
  });
});

describe('persistence and the data directory', () => {
  it('a restart keeps keys, tokens and audit', async () => {
    const created = Secret.parse(await (await post('/api/v1/regions/demo-south-1/key', {})).json());
    expect(await companion!.stop()).toBe(0);
    companion = await startCompanion(dataDir);
    const key = await (
      await fetch(`${companion.url}/api/v1/regions/demo-south-1/key`, { headers: auth('bob') })
    ).json();
    expect(key).toMatchObject({ accessKeyId: created.accessKeyId });
    const audit = (await (
      await fetch(`${companion.url}/api/v1/audit`, { headers: auth('alice') })
    ).json()) as any;
    expect(audit.events[0]).toMatchObject({ action: 'key.create', accessKeyId: created.accessKeyId });
  });

  it('a second companion on the same data directory refuses to start, naming the first', async () => {
    await expect(startCompanion(dataDir)).rejects.toThrow(
      new RegExp(`Another S3 Keys companion \\(pid ${companion!.child.pid}\\)`),
    );
    expect((await fetch(`${companion!.url}/healthz`)).status).toBe(200);
  });

  it('a port already in use stops the start with a message that says so, and leaves the data directory free', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 's3keys-process-'));
    const refused = await runCli(['serve', '--data', otherDir, '--port', String(companion!.port)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(`Port ${companion!.port} on 127\\.0\\.0\\.1 is already in use .*S3KEYS_PORT`),
    );
    expect(refused.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
    expect(await readdir(otherDir)).not.toContain('companion.lock');
  });

  it('a CLI change while the server runs is refused, and works once it stopped', async () => {
    const refused = await runCli(['account', 'add', '--name', 'Acme', '--data', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Another S3 Keys companion/);
    await companion!.stop();
    companion = undefined;
    const added = await runCli(['account', 'add', '--name', 'Acme', '--data', dataDir]);
    expect(added.code).toBe(0);
    expect((await runCli(['account', 'list', '--data', dataDir])).stdout).toMatch(/Acme/);
  });

  it("while the companion runs, the CLI's role change counts from the next request", async () => {
    expect((await fetch(`${companion!.url}/api/v1/regions`, { headers: auth('bob') })).status).toBe(200);
    const lowered = await runCli([
      'user',
      'role',
      '--user',
      'bob@demo.example',
      '--role',
      'member',
      '--data',
      dataDir,
    ]);
    expect([lowered.code, lowered.stdout.trim()]).toEqual([0, 'bob@demo.example is now member']);
    expect((await fetch(`${companion!.url}/api/v1/regions`, { headers: auth('bob') })).status).toBe(403);
    expect(await (await fetch(`${companion!.url}/api/v1/me`, { headers: auth('bob') })).json()).toMatchObject(
      {
        user: { role: 'member' },
      },
    );
  });

  it('a corrupt data file stops the start with a message naming it, and is left untouched', async () => {
    await companion!.stop();
    companion = undefined;
    const file = join(dataDir, 'registry.json');
    const damaged = (await readFile(file, 'utf8')).slice(0, -40);
    await writeFile(file, damaged);
    const error = await startCompanion(dataDir).catch((e: Error) => e);
    expect(String(error)).toMatch(new RegExp(`data file ${file} is damaged`));
    expect(await readFile(file, 'utf8')).toBe(damaged);
  });

  it('a data file that breaks an invariant (two current keys) is refused too', async () => {
    await post('/api/v1/regions/demo-north-1/key', {});
    await companion!.stop();
    companion = undefined;
    const file = join(dataDir, 'registry.json');
    const data = JSON.parse(await readFile(file, 'utf8'));
    data.keys.push({ ...data.keys[0], accessKeyId: 'ZZZZZZZZZZZZZZZZZZZZ' });
    await writeFile(file, JSON.stringify(data));
    const error = await startCompanion(dataDir).catch((e: Error) => e);
    expect(String(error)).toMatch(/more than one current key/);
  });

  it('SIGINT stops it cleanly: exit 0 and the lock released', async () => {
    expect(await readdir(dataDir)).toContain('companion.lock');
    expect(await companion!.stop('SIGINT')).toBe(0);
    companion = undefined;
    expect(await readdir(dataDir)).not.toContain('companion.lock');
  });
});

describe('secrets stay secret', () => {
  it('after create and reset, no secret or token is in any file of the data directory or in the logs', async () => {
    const created = Secret.parse(await (await post('/api/v1/regions/demo-north-1/key', {})).json());
    const reset = Secret.parse(
      await (
        await post('/api/v1/regions/demo-north-1/key/reset', { accessKeyId: created.accessKeyId })
      ).json(),
    );
    await fetch(`${companion!.url}/api/v1/me`, {
      headers: { Authorization: 'Bearer s3k_0000000000000000_wrongwrongwrongwrongwrongwrongwrongwrongwro' },
    });
    await companion!.stop();
    const output = companion!.output();
    companion = undefined;
    // Every file, in subdirectories too (the users' synced vaults are in vaults/).
    const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && e.name !== 'demo-tokens.json')
      .map((e) => join(e.parentPath, e.name));
    const contents = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    for (const secret of [created.secretAccessKey, reset.secretAccessKey]) {
      for (const text of [...contents, output]) expect(text).not.toContain(secret);
    }
    for (const { token } of Object.values(tokens)) {
      for (const text of [...contents, output, ...logs]) expect(text).not.toContain(token);
    }
  });
});

describe('the CLI', () => {
  it("the package's bin runs the CLI from any directory", async () => {
    const bin = spawnSync(
      join(ROOT, 'companion/cli/s3keys-companion.js'),
      ['region', 'list', '--data', dataDir],
      { cwd: tmpdir(), encoding: 'utf8' },
    );
    expect(bin.status).toBe(0);
    expect(bin.stdout).toMatch(/^demo-north-1\tDemo North\t/m);
  });

  it('bad arguments get a clear message and a non-zero exit', async () => {
    const cases = [
      ['frobnicate'],
      [
        'user',
        'add',
        '--account',
        'Demo',
        '--name',
        'Eve',
        '--email',
        'eve@x',
        '--role',
        'owner',
        '--data',
        dataDir,
      ],
      ['token', 'issue', '--data', dataDir],
      ['serve', '--port', 'http', '--data', dataDir],
    ];
    for (const args of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr.length, args.join(' ')).toBeGreaterThan(10);
    }
  });

  it('while the companion runs, a token revoked by the CLI stops working at once and a newly issued one works', async () => {
    const revoked = await runCli(['token', 'revoke', '--user', 'alice@demo.example', '--data', dataDir]);
    expect([revoked.code, revoked.stdout.trim()]).toEqual([0, 'Revoked 1 token']);
    expect((await fetch(`${companion!.url}/api/v1/me`, { headers: auth('alice') })).status).toBe(401);
    const issued = await runCli(['token', 'issue', '--user', 'alice@demo.example', '--data', dataDir]);
    expect(issued.code).toBe(0);
    // A refusal of the running companion reaches the CLI as its sentence.
    const unknown = await runCli(['token', 'revoke', '--token-id', 'tok_nope', '--data', dataDir]);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([
      1,
      'There is no live token "tok_nope"; "token list" shows them.',
    ]);
    // And after a restart the change is still there: the running companion wrote it.
    await companion!.stop();
    companion = await startCompanion(dataDir);
    expect((await fetch(`${companion.url}/api/v1/me`, { headers: auth('alice') })).status).toBe(401);
    expect(
      (
        await fetch(`${companion.url}/api/v1/me`, {
          headers: { Authorization: `Bearer ${issued.stdout.trim()}` },
        })
      ).status,
    ).toBe(200);
  });
});
