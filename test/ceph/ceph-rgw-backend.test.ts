// @vitest-environment node
/**
 * The ceph-rgw backend against a real Ceph RADOS Gateway: a throw-away one-node cluster with two
 * regions (one realm each), started by scripts/ceph/start.sh in a temporary state directory.
 * No mocks: every pair is checked with the AWS SDK the way a user's tools would use it.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCephRgwBackend } from '../../companion/backends/ceph-rgw.ts';
import {
  BackendUnavailableError,
  type BackendUser,
  type S3Backend,
} from '../../companion/backends/s3-backend.ts';
import { generateCredentials } from '../../companion/keys/credentials.ts';
import {
  listBuckets,
  s3Client,
  startLocalCeph,
  type ClusterRegion,
  type LocalCeph,
} from '../helpers/local-ceph.ts';

interface Region extends ClusterRegion {
  adminSecret: string;
  backend: S3Backend;
}

let ceph: LocalCeph | undefined;
let regionA: Region;
let regionB: Region;

function newUser(): BackendUser {
  const id = randomBytes(6).toString('hex');
  return { accountId: `acct-${id}`, accountName: `Test account ${id}` };
}

beforeAll(async () => {
  ceph = await startLocalCeph(['eu-test-1', 'us-test-2']);
  const cluster = ceph;
  const regions = await Promise.all(
    cluster.regions.map(async (region): Promise<Region> => {
      const adminSecret = (await readFile(region.adminSecretFile, 'utf8')).trim();
      const backend = createCephRgwBackend({
        regionId: region.id,
        endpoint: region.endpoint,
        adminAccessKeyId: region.adminAccessKeyId,
        adminSecretAccessKey: adminSecret,
        requestTimeoutMs: 3000,
      });
      return { ...region, adminSecret, backend };
    }),
  );
  [regionA, regionB] = regions as [Region, Region];
});

afterAll(async () => {
  await ceph?.stop();
});

describe('ceph-rgw backend on a real RADOS Gateway', () => {
  it('provisions a pair that works with the AWS SDK at once', async () => {
    const user = newUser();
    const pair = generateCredentials();
    await regionA.backend.ensureUser(user);
    await regionA.backend.ensureUser(user); // an existing user is fine
    await regionA.backend.addKey(user, pair);

    const client = s3Client(regionA, pair);
    const bucket = `b-${randomBytes(6).toString('hex')}`;
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'hello.txt', Body: 'hello from s3keys' }));
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'hello.txt' }));
    expect(await object.Body?.transformToString()).toBe('hello from s3keys');
    const list = await client.send(new ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => b.Name)).toEqual([bucket]);
  });

  it('a removed pair fails on the very next request; removing again is not an error', async () => {
    const user = newUser();
    const pair = generateCredentials();
    await regionA.backend.ensureUser(user);
    await regionA.backend.addKey(user, pair);
    expect(await listBuckets(regionA, pair)).toBe('ok');

    await regionA.backend.removeKey(user, pair.accessKeyId);
    expect(await listBuckets(regionA, pair)).toBe('InvalidAccessKeyId');
    await regionA.backend.removeKey(user, pair.accessKeyId);
    await regionA.backend.removeKey(newUser(), pair.accessKeyId); // unknown user too
  });

  it('another account cannot remove or take over a pair', async () => {
    const owner = newUser();
    const other = newUser();
    const pair = generateCredentials();
    await regionA.backend.ensureUser(owner);
    await regionA.backend.ensureUser(other);
    await regionA.backend.addKey(owner, pair);

    await regionA.backend.removeKey(other, pair.accessKeyId); // absent from `other`: nothing happens
    await expect(regionA.backend.addKey(other, pair)).rejects.toThrow(/409 KeyExists/);
    expect(await listBuckets(regionA, pair)).toBe('ok');
    expect(await regionA.backend.listKeys(owner)).toEqual([pair.accessKeyId]);
  });

  it('refuses a pair of region A in region B', async () => {
    const user = newUser();
    const pair = generateCredentials();
    await regionA.backend.ensureUser(user);
    await regionA.backend.addKey(user, pair);
    expect(await listBuckets(regionA, pair)).toBe('ok');
    expect(await listBuckets(regionB, pair)).toBe('InvalidAccessKeyId');
    expect(await regionB.backend.listKeys(user)).toEqual([]);
  });

  it('listKeys reflects adds and removes', async () => {
    const user = newUser();
    expect(await regionB.backend.listKeys(user)).toEqual([]); // no such user yet
    await regionB.backend.ensureUser(user);
    const [first, second] = [generateCredentials(), generateCredentials()];
    await regionB.backend.addKey(user, first);
    await regionB.backend.addKey(user, second);
    expect((await regionB.backend.listKeys(user)).sort()).toEqual(
      [first.accessKeyId, second.accessKeyId].sort(),
    );
    await regionB.backend.removeKey(user, first.accessKeyId);
    expect(await regionB.backend.listKeys(user)).toEqual([second.accessKeyId]);
  });

  it('addKey creates a missing user', async () => {
    const user = newUser();
    const pair = generateCredentials();
    await regionB.backend.addKey(user, pair);
    expect(await regionB.backend.listKeys(user)).toEqual([pair.accessKeyId]);
    expect(await listBuckets(regionB, pair)).toBe('ok');
  });

  it("listAccountIds names the account of every s3keys- user on this gateway only; the admin's key cannot be removed", async () => {
    const user = newUser();
    await regionA.backend.ensureUser(user);
    const inA = await regionA.backend.listAccountIds();
    expect(inA).toContain(user.accountId);
    expect(inA.every((id) => !id.startsWith('s3keys-'))).toBe(true);
    expect(await regionB.backend.listAccountIds()).not.toContain(user.accountId);
    // The test cluster's admin is s3keys-admin: listed as "admin", but its key is never removed.
    expect(inA).toContain('admin');
    await expect(
      regionA.backend.removeKey({ accountId: 'admin', accountName: 'admin' }, regionA.adminAccessKeyId),
    ).rejects.toThrow(BackendUnavailableError);
    expect(await regionA.backend.check(null, 3000)).toMatchObject({ endpointReachable: true });
    await regionA.backend.ensureUser(newUser()); // the admin key still works
  });

  it('check() verifies a pair with a real signed request', async () => {
    const user = newUser();
    const pair = generateCredentials();
    await regionA.backend.ensureUser(user);
    await regionA.backend.addKey(user, pair);

    const good = await regionA.backend.check(pair, 3000);
    expect(good).toMatchObject({ endpointReachable: true, keyVerified: true, detail: null });
    expect(good.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await regionA.backend.check(null, 3000)).toMatchObject({
      endpointReachable: true,
      keyVerified: null,
      detail: null,
    });

    await regionA.backend.removeKey(user, pair.accessKeyId);
    const removed = await regionA.backend.check(pair, 3000);
    expect(removed).toMatchObject({ endpointReachable: true, keyVerified: false });
    expect(removed.detail).toBe('Key rejected by the S3 service (InvalidAccessKeyId).');
  });

  it('a wrong admin secret is reported, not mistaken for an absent key', async () => {
    const wrong = createCephRgwBackend({
      regionId: regionA.id,
      endpoint: regionA.endpoint,
      adminAccessKeyId: regionA.adminAccessKeyId,
      adminSecretAccessKey: 'x'.repeat(40),
    });
    await expect(wrong.listKeys(newUser())).rejects.toThrow(BackendUnavailableError);
  });

  describe('with region A’s gateway down', () => {
    it('addKey throws BackendUnavailableError within the timeout and check() says unreachable', async () => {
      const user = newUser();
      const pair = generateCredentials();
      await ceph!.stopGateway(regionA.id);
      try {
        const started = Date.now();
        const error = await regionA.backend.addKey(user, pair).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(BackendUnavailableError);
        expect(Date.now() - started).toBeLessThan(3500);
        const message = (error as Error).message;
        expect(message).toMatch(/^RGW at http:\/\/127\.0\.0\.1:\d+ did not answer/);
        expect(message).not.toContain(pair.secretAccessKey);
        expect(message).not.toContain(regionA.adminSecret);

        const health = await regionA.backend.check(pair, 2000);
        expect(health).toMatchObject({ endpointReachable: false, latencyMs: null, keyVerified: null });
        expect(health.detail).toMatch(/^Endpoint did not answer: /);
        // The other region is not affected.
        expect(await regionB.backend.check(null, 2000)).toMatchObject({ endpointReachable: true });
      } finally {
        await ceph!.startGateway(regionA.id);
      }
      // Back up: the same backend works again.
      await regionA.backend.addKey(user, pair);
      expect(await regionA.backend.check(pair, 3000)).toMatchObject({
        endpointReachable: true,
        keyVerified: true,
      });
    });
  });
});
