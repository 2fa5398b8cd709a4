// The companion process provisioning real keys into a real Ceph RGW (one realm per region): pairs work
// with the AWS SDK and the AWS CLI at once, a reset kills the old pair on the very next request, an
// outage changes nothing, and a kill -9 between RGW steps is repaired by reconciliation at restart.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RegionCheck, Secret, type ErrorBody } from '#shared/api';
import { createCephRgwBackend } from '../../companion/backends/ceph-rgw.ts';
import { runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';
import {
  companionConfig,
  listBuckets,
  s3Client,
  startLocalCeph,
  type ClusterRegion,
  type LocalCeph,
} from '../helpers/local-ceph.ts';

const run = promisify(execFile);
let ceph: LocalCeph;
let north: ClusterRegion;
let south: ClusterRegion;
let dataDir: string;
let configFile: string;
let tokens: Record<string, { token: string }>;
let companion: CompanionProcess | undefined;

beforeAll(async () => {
  ceph = await startLocalCeph(['demo-north-1', 'demo-south-1']);
  [north, south] = ceph.regions as [ClusterRegion, ClusterRegion];
});
afterAll(() => ceph?.stop());

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 's3keys-rgw-'));
  configFile = join(dataDir, 'config.json');
  await writeFile(configFile, companionConfig(ceph, { statusCacheSeconds: 0 }));
  expect((await runCli(['demo', '--data', dataDir])).code).toBe(0);
  tokens = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8'));
  companion = await start();
});
afterEach(async () => {
  await companion?.stop('SIGKILL');
  companion = undefined;
});

/** Starts the companion and waits for its start-up reconciliation (it runs after listening). */
const start = async (env: NodeJS.ProcessEnv = {}) => {
  const started = await startCompanion(dataDir, ['--config', configFile], env);
  await expect.poll(() => started.output(), { timeout: 30_000 }).toContain('reconcile: start-up check done');
  return started;
};
const call = (path: string, body?: unknown) =>
  fetch(`${companion!.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${tokens.alice!.token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const create = async (region = 'demo-north-1') =>
  Secret.parse(await (await call(`/api/v1/regions/${region}/key`, {})).json());
const reset = async (accessKeyId: string, region = 'demo-north-1') =>
  Secret.parse(await (await call(`/api/v1/regions/${region}/key/reset`, { accessKeyId })).json());
const pair = (s: Secret) => ({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });

/** The keys RGW holds for the demo account's user in a region, asked with the admin pair. */
async function rgwKeys(region: ClusterRegion): Promise<string[]> {
  const registry = JSON.parse(await readFile(join(dataDir, 'registry.json'), 'utf8'));
  const accountId = registry.accounts.find((a: { name: string }) => a.name === 'Demo').id;
  const admin = createCephRgwBackend({
    regionId: region.id,
    endpoint: region.endpoint,
    adminAccessKeyId: region.adminAccessKeyId,
    adminSecretAccessKey: (await readFile(region.adminSecretFile, 'utf8')).trim(),
  });
  return admin.listKeys({ accountId, accountName: 'Demo' });
}

describe('keys that really work', () => {
  it('create: the pair works at once with the AWS SDK (put, get, list) and with the AWS CLI', async () => {
    const secret = await create();
    const client = s3Client(north, pair(secret));
    await client.send(new CreateBucketCommand({ Bucket: 'first-bucket' }));
    await client.send(new PutObjectCommand({ Bucket: 'first-bucket', Key: 'hello.txt', Body: 'hello' }));
    const object = await client.send(new GetObjectCommand({ Bucket: 'first-bucket', Key: 'hello.txt' }));
    expect(await object.Body!.transformToString()).toBe('hello');
    expect((await client.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual([
      'first-bucket',
    ]);

    const cli = await run(
      '/usr/bin/aws',
      ['--endpoint-url', north.endpoint, '--region', north.id, 's3', 'ls'],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: secret.accessKeyId,
          AWS_SECRET_ACCESS_KEY: secret.secretAccessKey,
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );
    expect(cli.stdout).toMatch(/ first-bucket$/m);
  });

  it('reset: the old pair gets InvalidAccessKeyId on the very next request, the new one works, objects stay', async () => {
    const first = await create();
    await s3Client(north, pair(first)).send(new CreateBucketCommand({ Bucket: 'kept' }));
    await s3Client(north, pair(first)).send(
      new PutObjectCommand({ Bucket: 'kept', Key: 'k', Body: 'before reset' }),
    );
    const next = await reset(first.accessKeyId);
    expect(await listBuckets(north, pair(first))).toBe('InvalidAccessKeyId');
    const object = await s3Client(north, pair(next)).send(new GetObjectCommand({ Bucket: 'kept', Key: 'k' }));
    expect(await object.Body!.transformToString()).toBe('before reset');
    expect(await rgwKeys(north)).toEqual([next.accessKeyId]);
  });

  it("a pair of one region is refused in another region's service", async () => {
    const secret = await create('demo-north-1');
    expect(await listBuckets(north, pair(secret))).toBe('ok');
    expect(await listBuckets(south, pair(secret))).toBe('InvalidAccessKeyId');
  });

  it('status verifies the current pair with a real signed request', async () => {
    await create();
    const body = (await (await call('/api/v1/status')).json()) as { regions: unknown[] };
    const checks = Object.fromEntries(body.regions.map((r) => RegionCheck.parse(r)).map((c) => [c.id, c]));
    expect(checks['demo-north-1']).toMatchObject({
      endpointReachable: true,
      keyVerified: true,
      detail: null,
    });
    expect(checks['demo-south-1']).toMatchObject({ endpointReachable: true, keyVerified: null });
    expect(checks['demo-north-1']!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(checks['demo-east-1']!.detail).toMatch(/Registry-only/);
  });
});

describe('when RGW is down', () => {
  it('create and reset answer 502 backend_unavailable and change nothing; status says unreachable', async () => {
    const first = await create('demo-north-1');
    await ceph.stopGateway(north.id);
    try {
      const resetAnswer = await call('/api/v1/regions/demo-north-1/key/reset', {
        accessKeyId: first.accessKeyId,
      });
      expect(resetAnswer.status).toBe(502);
      expect(((await resetAnswer.json()) as ErrorBody).error.code).toBe('backend_unavailable');
      const key = (await (await call('/api/v1/regions/demo-north-1/key')).json()) as { accessKeyId: string };
      expect(key.accessKeyId).toBe(first.accessKeyId);

      const body = (await (await call('/api/v1/status')).json()) as { regions: RegionCheck[] };
      expect(body.regions.find((r) => r.id === 'demo-north-1')).toMatchObject({
        endpointReachable: false,
        keyVerified: null,
      });
    } finally {
      await ceph.startGateway(north.id);
    }
    expect(await listBuckets(north, pair(first))).toBe('ok');
    expect(await rgwKeys(north)).toEqual([first.accessKeyId]);
  });

  it('a create against a stopped gateway leaves no key in the registry', async () => {
    await ceph.stopGateway(south.id);
    try {
      const answer = await call('/api/v1/regions/demo-south-1/key', {});
      expect(answer.status).toBe(502);
      expect((await (await call('/api/v1/regions/demo-south-1/key')).json()) as ErrorBody).toMatchObject({
        error: { code: 'key_not_found' },
      });
    } finally {
      await ceph.startGateway(south.id);
    }
    expect(await rgwKeys(south)).toEqual([]);
  });

  it('status answers within 3 s when an endpoint hangs, saying it did not answer', async () => {
    const hanging: Server = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => hanging.once('listening', resolve));
    const port = (hanging.address() as { port: number }).port;
    await companion!.stop();
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    config.regions[1].endpoint = `http://127.0.0.1:${port}`;
    await writeFile(configFile, JSON.stringify(config));
    companion = await start();
    try {
      const started = performance.now();
      const body = (await (await call('/api/v1/status')).json()) as { regions: RegionCheck[] };
      // The contract's bound, not a performance target.
      expect(performance.now() - started).toBeLessThan(3000);
      expect(body.regions.find((r) => r.id === 'demo-south-1')).toMatchObject({
        endpointReachable: false,
        latencyMs: null,
      });
      expect(body.regions.find((r) => r.id === 'demo-north-1')).toMatchObject({ endpointReachable: true });
    } finally {
      hanging.close();
    }
  });
});

describe('crash between RGW steps (kill -9 at a fault point), then restart', () => {
  /**
   * Kills the companion at `point` during `request`, then restarts it. `loseIntent`: the change's intent
   * is cut from the registry log before the restart, as a power cut could leave it (the intent is not
   * fsync'd on its own; the commit's fsync would have carried it).
   */
  async function crashAt(point: string, request: () => Promise<unknown>, { loseIntent = false } = {}) {
    await companion!.stop();
    companion = await start({ S3KEYS_TEST_FAULT: point });
    void request().catch(() => undefined);
    await expect
      .poll(() => companion!.output(), { timeout: 20_000 })
      .toContain(`fault point ${point} reached`);
    await companion!.stop('SIGKILL');
    if (loseIntent) {
      const log = join(dataDir, 'registry.log');
      const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      const kept = lines.filter((line) => JSON.parse(line).change.op !== 'intent');
      expect(kept.length).toBe(lines.length - 1);
      await writeFile(log, kept.map((line) => `${line}\n`).join(''));
    }
    companion = await start();
  }

  for (const [point, loseIntent] of [
    ['key.reset:after-add', false],
    ['key.reset:before-commit', false],
    ['key.reset:after-add', true],
    ['key.reset:before-commit', true],
  ] as const) {
    it(`${point}${loseIntent ? ', its intent lost' : ''}: the unfinished reset rolls back; the acknowledged pair works again, the half-made one is gone`, async () => {
      const first = await create();
      await crashAt(
        point,
        () => call('/api/v1/regions/demo-north-1/key/reset', { accessKeyId: first.accessKeyId }),
        { loseIntent },
      );
      expect(await rgwKeys(north)).toEqual([first.accessKeyId]);
      expect(await listBuckets(north, pair(first))).toBe('ok');
      const key = (await (await call('/api/v1/regions/demo-north-1/key')).json()) as { accessKeyId: string };
      expect(key.accessKeyId).toBe(first.accessKeyId);
      await expect.poll(() => companion!.output()).toMatch(/reconcile: (added|removed) key/);
      const audit = (await (await call('/api/v1/audit')).json()) as { events: { action: string }[] };
      expect(audit.events.some((e) => e.action.startsWith('reconcile.'))).toBe(true);
      // And the key service goes on: a reset now succeeds.
      const next = await reset(first.accessKeyId);
      expect(await listBuckets(north, pair(next))).toBe('ok');
    });
  }

  for (const loseIntent of [false, true]) {
    it(`key.create:before-commit${loseIntent ? ', its intent lost' : ''}: the unacknowledged pair is removed and the region stays NOT_CONFIGURED`, async () => {
      await crashAt('key.create:before-commit', () => call('/api/v1/regions/demo-south-1/key', {}), {
        loseIntent,
      });
      expect(await rgwKeys(south)).toEqual([]);
      expect((await (await call('/api/v1/regions/demo-south-1/key')).json()) as ErrorBody).toMatchObject({
        error: { code: 'key_not_found' },
      });
      expect((await call('/api/v1/regions/demo-south-1/key', {})).status).toBe(201);
    });
  }

  it('after a restart every configured region has exactly the registry pair, working', async () => {
    const a = await create('demo-north-1');
    const b = await create('demo-south-1');
    await companion!.stop('SIGKILL');
    companion = await start();
    expect(await rgwKeys(north)).toEqual([a.accessKeyId]);
    expect(await rgwKeys(south)).toEqual([b.accessKeyId]);
    expect(await listBuckets(north, pair(a))).toBe('ok');
    expect(await listBuckets(south, pair(b))).toBe('ok');
  });
});
