// Two real companion processes on one real PostgreSQL registry: the invariants hold across instances
// (the database's locks and indexes, not one process's memory), and idempotent answers are shared.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, Secret } from '#shared/api';
import { seedDemo, type DemoTokens } from '../../companion/directory/demo.ts';
import { openRegistry } from '../../companion/registry.ts';
import { runCli, startCompanionsOnDatabase, type CompanionProcess } from '../helpers/companion-process.ts';
import { freshSchema } from '../helpers/local-postgres.ts';
import { postgresUrl, usePostgresForFile } from '../helpers/test-storage.ts';

usePostgresForFile();

const masterKey = randomBytes(32).toString('base64');
let databaseUrl: string;
let instances: CompanionProcess[];
let tokens: DemoTokens;

beforeAll(async () => {
  databaseUrl = await freshSchema(await postgresUrl());
  // Both start on an empty schema at once: each runs the migrations at start.
  instances = await startCompanionsOnDatabase(2, { databaseUrl, masterKey });
  const registry = await openRegistry({
    dataDir: instances[0]!.dataDir,
    databaseUrl,
  });
  try {
    tokens = await seedDemo(registry.storage, new Date().toISOString());
  } finally {
    await registry.close();
  }
}, 120_000);

afterAll(async () => {
  await Promise.all((instances ?? []).map((i) => i.stop()));
});

/** A POST as alice to the companion at `base`. */
const postTo = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${tokens.alice!.token}`,
      'Content-Type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });

/** A POST as alice to instance `i % 2`. */
const post = (i: number, path: string, body: unknown, headers: Record<string, string> = {}) =>
  postTo(instances[i % 2]!.url, path, body, headers);

const errorCode = async (response: Response) => ErrorBody.parse(await response.json()).error.code;

/** The current key at `path`, as alice reads it. */
const currentKey = async (path: string): Promise<{ accessKeyId: string }> =>
  (
    await fetch(`${instances[1]!.url}${path}`, {
      headers: { Authorization: `Bearer ${tokens.alice!.token}` },
    })
  ).json();

/** A third instance on the same database whose key changes stop at the fault point `env` names. */
const startStoppingAt = async (env: Record<string, string>): Promise<CompanionProcess> =>
  (await startCompanionsOnDatabase(1, { databaseUrl, masterKey, env }))[0]!;

describe('two companions on one PostgreSQL registry', () => {
  it('both started together on an empty database; each migration was applied once', async () => {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      const versions = (await sql`SELECT version FROM schema_migrations ORDER BY version`).map(
        (r) => r.version,
      );
      // Each migration recorded once (version is the key): the second instance waited, then found none to apply.
      expect(versions).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await sql.end();
    }
    for (const instance of instances) expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
  });

  it('50 simultaneous creates spread over both: one 201, 49 key_exists; 50 resets: one 200, 49 stale_key', async () => {
    const path = '/api/v1/regions/demo-north-1/key';
    const creates = await Promise.all(Array.from({ length: 50 }, (_, i) => post(i, path, {})));
    const created = creates.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const refusals = await Promise.all(creates.filter((r) => r.status !== 201).map(errorCode));
    expect(new Set(refusals)).toEqual(new Set(['key_exists']));
    const first = Secret.parse(await created[0]!.json());

    const resets = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(i, `${path}/reset`, { accessKeyId: first.accessKeyId })),
    );
    const done = resets.filter((r) => r.status === 200);
    expect(done).toHaveLength(1);
    const stale = await Promise.all(resets.filter((r) => r.status !== 200).map(errorCode));
    expect(new Set(stale)).toEqual(new Set(['stale_key']));
    const next = Secret.parse(await done[0]!.json());

    // Each instance now reports the same single pair.
    for (const instance of instances) {
      const key = await fetch(`${instance.url}${path}`, {
        headers: { Authorization: `Bearer ${tokens.alice!.token}` },
      });
      expect((await key.json()).accessKeyId).toBe(next.accessKeyId);
    }
  });

  it('an idempotent retry that lands on the other instance is replayed with the same secret', async () => {
    const path = '/api/v1/regions/demo-south-1/key';
    const key = { 'Idempotency-Key': `retry-${randomBytes(4).toString('hex')}` };
    const first = await post(0, path, {}, key);
    expect(first.status).toBe(201);
    const created = Secret.parse(await first.json());
    const retry = await post(1, path, {}, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(Secret.parse(await retry.json())).toEqual(created);
    // The stored answer is sealed: the secret is nowhere in the database in clear.
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      const rows = await sql`SELECT response FROM idempotency`;
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(created.secretAccessKey);
    } finally {
      await sql.end();
    }
  });

  it('an instance killed mid-request holds its Idempotency-Key for a short lease only; then a retry runs', async () => {
    const path = '/api/v1/regions/demo-south-1/key';
    const current = await currentKey(path);
    // A third instance that stops inside the reset, before its commit, until it is killed.
    const dying = await startStoppingAt({ S3KEYS_TEST_FAULT: 'key.reset:before-commit' });
    const key = { 'Idempotency-Key': `lease-${randomBytes(4).toString('hex')}` };
    const body = { accessKeyId: current.accessKeyId };
    const request = postTo(dying.url, `${path}/reset`, body, key).catch(() => null);
    await expect.poll(() => dying.output(), { timeout: 15_000 }).toContain('fault point');
    const killedAt = Date.now();
    await dying.stop('SIGKILL');
    await request;

    // While the lease runs, the key is still in flight on the survivors.
    await expect(errorCode(await post(1, `${path}/reset`, body, key))).resolves.toBe(
      'idempotency_key_in_flight',
    );
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      const [claim] =
        await sql`SELECT expires_at, response FROM idempotency WHERE key = ${key['Idempotency-Key']}`;
      expect(claim!.response).toBeNull();
      // A minute's lease, not the ten minutes an answer is kept.
      expect(Number(claim!.expires_at) - killedAt).toBeLessThanOrEqual(60_000);
      // The minute passes.
      await sql`UPDATE idempotency SET expires_at = ${Date.now()} WHERE key = ${key['Idempotency-Key']}`;
    } finally {
      await sql.end();
    }
    const retry = await post(1, `${path}/reset`, body, key);
    expect(retry.status).toBe(200);
    expect(Secret.parse(await retry.json()).accessKeyId).not.toBe(current.accessKeyId);
  });

  it('a retry that reaches the other instance while the first is committing waits for it and gets its answer', async () => {
    const path = '/api/v1/regions/demo-south-1/key';
    const current = await currentKey(path);
    // A third instance that pauses inside the reset after keeping its answer, before its commit.
    const slow = await startStoppingAt({
      S3KEYS_TEST_FAULT: 'key.reset:answer-kept',
      S3KEYS_TEST_FAULT_HOLD_MS: '2000',
    });
    try {
      const key = { 'Idempotency-Key': `commit-${randomBytes(4).toString('hex')}` };
      const body = { accessKeyId: current.accessKeyId };
      const first = postTo(slow.url, `${path}/reset`, body, key);
      await expect.poll(() => slow.output(), { timeout: 15_000 }).toContain('fault point');

      const retry = await post(1, `${path}/reset`, body, key);
      const answer = await first;
      expect(answer.status).toBe(200);
      const secret = Secret.parse(await answer.json());
      expect(secret.accessKeyId).not.toBe(current.accessKeyId);
      // Not run a second time (which would have found the key already replaced: 409 stale_key).
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(Secret.parse(await retry.json())).toEqual(secret);
    } finally {
      await slow.stop();
    }
  });

  it('failed sign-ins are counted across instances: 20 on one, and the other answers 429', async () => {
    const badly = (i: number) =>
      fetch(`${instances[i % 2]!.url}/api/v1/me`, { headers: { Authorization: 'Bearer not-a-token' } });
    for (let i = 0; i < 20; i++) expect((await badly(0)).status).toBe(401);
    const limited = await badly(1);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const me = await fetch(`${instances[1]!.url}/api/v1/me`, {
      headers: { Authorization: `Bearer ${tokens.alice!.token}` },
    });
    expect(me.status).toBe(200);
  });

  it("the CLI's role change and token revoke on the database count on both running instances from the next request", async () => {
    const cli = (...args: string[]) =>
      runCli([...args, '--data', instances[0]!.dataDir, '--database-url', databaseUrl], {
        S3KEYS_MASTER_KEY: masterKey,
      });
    const bobOn = (i: number, path: string) =>
      fetch(`${instances[i]!.url}${path}`, { headers: { Authorization: `Bearer ${tokens.bob!.token}` } });
    expect((await bobOn(1, '/api/v1/regions')).status).toBe(200);
    expect((await cli('user', 'role', '--user', 'bob@demo.example', '--role', 'member')).code).toBe(0);
    expect([(await bobOn(0, '/api/v1/regions')).status, (await bobOn(1, '/api/v1/regions')).status]).toEqual([
      403, 403,
    ]);
    expect((await cli('token', 'revoke', '--user', 'bob@demo.example')).code).toBe(0);
    expect([(await bobOn(0, '/api/v1/me')).status, (await bobOn(1, '/api/v1/me')).status]).toEqual([
      401, 401,
    ]);
  });
});
