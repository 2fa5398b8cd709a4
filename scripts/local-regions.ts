/**
 * The demo regions for `npm start`: on a local one-node Ceph cluster (one realm and one gateway per
 * region) when Ceph is installed or can be installed here, otherwise registry-only, clearly labelled.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_REGIONS } from '../companion/directory/demo.ts';
import type { RegionRecord } from '../companion/storage/data.ts';

const CEPH = join(import.meta.dirname, 'ceph');
const FIRST_PORT = 7481;

export interface LocalRegions {
  regions: RegionRecord[];
  /** Why the regions are registry-only, or null when they run on Ceph. */
  registryOnlyBecause: string | null;
  stop(): void;
}

/** Starts the demo regions under `<dataDir>/ceph`, their gateways on `firstPort` and the ports after it. */
export function startLocalRegions(dataDir: string, firstPort = FIRST_PORT): LocalRegions {
  const stateDir = join(dataDir, 'ceph');
  const registryOnly = (reason: string): LocalRegions => ({
    regions: DEMO_REGIONS.map(({ region }) => ({ ...region, backend: { type: 'none' } })),
    registryOnlyBecause: reason,
    stop() {},
  });

  const installed = spawnSync('bash', [join(CEPH, 'ensure-installed.sh')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (installed.status !== 0) return registryOnly(installed.stderr.trim() || 'Ceph is not installed');

  console.log('Starting the local Ceph regions…');
  const specs = DEMO_REGIONS.map(({ region }, i) => `${region.id}:${firstPort + i}`);
  const started = spawnSync('bash', [join(CEPH, 'start.sh'), stateDir, ...specs], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  process.stderr.write(started.stderr);
  if (started.status !== 0) return registryOnly(`the local Ceph cluster did not start (see above)`);

  const cluster = JSON.parse(readFileSync(join(stateDir, 'cluster.json'), 'utf8')) as {
    regions: { id: string; endpoint: string; adminAccessKeyId: string; adminSecretFile: string }[];
  };
  return {
    regions: DEMO_REGIONS.map(({ region }) => {
      const local = cluster.regions.find((r) => r.id === region.id)!;
      return {
        ...region,
        endpoint: local.endpoint,
        backend: {
          type: 'ceph-rgw',
          adminAccessKeyId: local.adminAccessKeyId,
          adminSecretFile: local.adminSecretFile,
        },
      };
    }),
    registryOnlyBecause: null,
    stop() {
      spawnSync('bash', [join(CEPH, 'stop.sh'), stateDir], { stdio: 'inherit' });
    },
  };
}
