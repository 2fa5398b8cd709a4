// "Last used" from a real Ceph RGW's usage log, through the companion process: it moves when the pair
// is used, not when the companion checks the key itself, and a registry-only region says "unknown".
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyUsage, Secret } from '#shared/api';
import { runCli, startCompanion, type CompanionProcess } from '../helpers/companion-process.ts';
import { companionConfig, s3Client, startLocalCeph, type LocalCeph } from '../helpers/local-ceph.ts';

const NORTH = 'demo-north-1';
let ceph: LocalCeph;
let companion: CompanionProcess;
let alice: string;

beforeAll(async () => {
  // Only north is on the cluster: south stays a registry-only region of the demo.
  ceph = await startLocalCeph([NORTH]);
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-usage-'));
  await writeFile(join(dataDir, 'config.json'), companionConfig(ceph, { statusCacheSeconds: 0 }));
  expect((await runCli(['demo', '--data', dataDir])).code).toBe(0);
  alice = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')).alice.token;
  companion = await startCompanion(dataDir, ['--config', join(dataDir, 'config.json')]);
});
afterAll(async () => {
  await companion?.stop('SIGKILL');
  await ceph?.stop();
});

const call = (path: string, body?: unknown) =>
  fetch(`${companion.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${alice}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const usage = async (region: string) => {
  const response = await call(`/api/v1/regions/${region}/key/usage`);
  expect(response.status).toBe(200);
  return KeyUsage.parse(await response.json());
};
const hourOf = (ms: number) => new Date(Math.floor(ms / 3_600_000) * 3_600_000).toISOString();

describe('last used, from the RGW usage log', () => {
  it('is unknown for a fresh pair, stays so after the companion checks the key, and moves to this hour once the pair is used', async () => {
    const pair = Secret.parse(await (await call(`/api/v1/regions/${NORTH}/key`, {})).json());
    const fresh = await usage(NORTH);
    expect(fresh).toMatchObject({ accessKeyId: pair.accessKeyId, known: false, lastUsedHour: null });
    expect(fresh.detail).toMatch(/not used or the log is off/);

    // The quick check signs a ListBuckets with the pair: that is the companion, not a user of the pair.
    expect((await call('/api/v1/status')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await usage(NORTH)).known).toBe(false);

    const s3 = s3Client(ceph.regions[0]!, pair);
    const before = Date.now();
    await s3.send(new CreateBucketCommand({ Bucket: 'usage-probe' }));
    await s3.send(new PutObjectCommand({ Bucket: 'usage-probe', Key: 'hello.txt', Body: 'hello' }));
    // The local gateways flush the log every second (rgw usage log tick interval = 1).
    await expect
      .poll(() => usage(NORTH), { timeout: 15_000, interval: 500 })
      .toMatchObject({
        known: true,
        detail: null,
      });
    const used = await usage(NORTH);
    expect([hourOf(before), hourOf(Date.now())]).toContain(used.lastUsedHour);
  });

  it('says unknown, and why, for a registry-only region', async () => {
    await call('/api/v1/regions/demo-south-1/key', {});
    expect(await usage('demo-south-1')).toMatchObject({
      known: false,
      lastUsedHour: null,
      detail: expect.stringMatching(/Registry-only region/),
    });
  });
});
