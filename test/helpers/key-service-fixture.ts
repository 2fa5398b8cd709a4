/**
 * The key service over a storage of the given kind seeded with the demo, and an in-memory S3 service per
 * region (each region is its own service, as on RGW); `backend` is demo-north-1's.
 */
import { randomBytes } from 'node:crypto';
import { seedDemo } from '../../companion/directory/demo.ts';
import { createKeyService } from '../../companion/keys/key-service.ts';
import { silentLogger } from '../../companion/logger.ts';
import type { RegistryStorage } from '../../companion/storage/registry-storage.ts';
import { createSealer } from '../../companion/storage/seal.ts';
import { createMemoryBackend, type MemoryBackend } from './memory-backend.ts';
import { openTestStorage, type StorageKind } from './test-storage.ts';

export async function keyServiceFixture({
  storage: kind = 'lowdb',
  now,
  prepare,
}: {
  storage?: StorageKind;
  now?: () => Date;
  /** Changes the seeded registry before the service starts. */
  prepare?: (storage: RegistryStorage) => Promise<void>;
} = {}) {
  const storage = await openTestStorage(kind);
  await seedDemo(storage, '2026-01-01T00:00:00.000Z');
  await prepare?.(storage);
  const backends = new Map<string, MemoryBackend>();
  const backendOf = (regionId: string) => {
    if (!backends.has(regionId)) backends.set(regionId, createMemoryBackend());
    return backends.get(regionId)!;
  };
  const backend = backendOf('demo-north-1');
  const keys = createKeyService({
    storage,
    sealer: createSealer(randomBytes(32)),
    backendFor: (region) => backendOf(region.id),
    logger: silentLogger,
    now,
  });
  const alice = (await storage.findUser('alice@demo.example'))!;
  return { storage, backend, backendOf, keys, alice };
}
