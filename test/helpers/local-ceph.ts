/**
 * A throw-away one-node Ceph cluster for tests, started by the project's own scripts/ceph/start.sh in a
 * temporary state directory (one realm and one radosgw per region), plus S3 clients for its pairs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { DEMO_REGIONS } from '../../companion/directory/demo.ts';
import type { Credentials } from '../../companion/keys/credentials.ts';
import { ROOT } from './companion-process.ts';

const run = promisify(execFile);
const SCRIPTS = path.join(ROOT, 'scripts/ceph');

export interface ClusterRegion {
  id: string;
  endpoint: string;
  adminAccessKeyId: string;
  adminSecretFile: string;
}

export interface LocalCeph {
  stateDir: string;
  regions: ClusterRegion[];
  stopGateway(regionId: string): Promise<void>;
  startGateway(regionId: string): Promise<void>;
  stop(): Promise<void>;
}

/** Runs one of the Ceph scripts; its stderr (progress, daemon log tails) goes to the test output. */
export async function cephScript(name: string, ...args: string[]): Promise<void> {
  try {
    const { stderr } = await run(path.join(SCRIPTS, name), args, { timeout: 170_000 });
    if (stderr) process.stderr.write(stderr);
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: unknown };
    throw new Error(`${name} ${args.join(' ')} failed (exit ${String(code)}):\n${stderr ?? ''}`);
  }
}

/** Installs Ceph when missing, then starts a cluster with the given region ids on free ports. */
export async function startLocalCeph(regionIds: string[]): Promise<LocalCeph> {
  await cephScript('ensure-installed.sh');
  const stateDir = await mkdtemp(path.join(tmpdir(), 's3keys-ceph-'));
  const specs: string[] = [];
  for (const [index, id] of regionIds.entries()) specs.push(`${id}:${await freePort(index)}`);
  await cephScript('start.sh', stateDir, ...specs);
  const cluster = JSON.parse(await readFile(path.join(stateDir, 'cluster.json'), 'utf8')) as {
    regions: ClusterRegion[];
  };
  return {
    stateDir,
    regions: cluster.regions,
    stopGateway: (regionId) => cephScript('gateway.sh', 'stop', stateDir, regionId),
    startGateway: (regionId) => cephScript('gateway.sh', 'start', stateDir, regionId),
    async stop() {
      await cephScript('stop.sh', stateDir);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on right now (the kernel's pick), unless S3KEYS_CEPH_PORTS="A,B,…" says which. */
async function freePort(index: number): Promise<number> {
  const fixed = process.env.S3KEYS_CEPH_PORTS?.split(',')[index];
  if (fixed) return Number(fixed);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** An AWS SDK client for a region's endpoint, one attempt per request (a refused key must show at once). */
export function s3Client(region: { id: string; endpoint: string }, credentials: Credentials): S3Client {
  return new S3Client({
    endpoint: region.endpoint,
    region: region.id,
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
  });
}

/** 'ok', or the error name a ListBuckets with the pair fails with (e.g. InvalidAccessKeyId). */
export async function listBuckets(
  region: { id: string; endpoint: string },
  credentials: Credentials,
): Promise<string> {
  try {
    await s3Client(region, credentials).send(new ListBucketsCommand({}));
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

/** A companion config whose regions are the cluster's, named as in the demo when the ids are the demo's. */
export function companionConfig(ceph: LocalCeph, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    regions: ceph.regions.map((r) => ({
      id: r.id,
      name: DEMO_REGIONS.find((d) => d.region.id === r.id)?.region.name ?? r.id,
      endpoint: r.endpoint,
      backend: { type: 'ceph-rgw', adminAccessKeyId: r.adminAccessKeyId, adminSecretFile: r.adminSecretFile },
    })),
    ...extra,
  });
}
