/** The key service over a memory store seeded with the demo and the in-memory S3 service (unit tests only). */
import { randomBytes } from 'node:crypto';
import { seedDemo } from '../../companion/directory/demo.ts';
import { createKeyService } from '../../companion/keys/key-service.ts';
import { silentLogger } from '../../companion/logger.ts';
import { emptyData, type Data } from '../../companion/storage/data.ts';
import { createSealer } from '../../companion/storage/seal.ts';
import { openMemoryJournal } from '../../companion/storage/intent-journal.ts';
import { openMemoryStore } from '../../companion/storage/store.ts';
import { createMemoryBackend } from './memory-backend.ts';

export async function keyServiceFixture({
  now,
  prepare,
}: {
  now?: () => Date;
  prepare?: (data: Data) => void;
} = {}) {
  const data = emptyData();
  seedDemo(data, '2026-01-01T00:00:00.000Z');
  prepare?.(data);
  const store = await openMemoryStore(data);
  const backend = createMemoryBackend();
  const journal = await openMemoryJournal();
  const keys = createKeyService({
    store,
    journal,
    sealer: createSealer(randomBytes(32)),
    backendFor: () => backend,
    logger: silentLogger,
    now,
  });
  const alice = store.data.users.find((u) => u.email.startsWith('alice'))!;
  return { store, journal, backend, keys, alice };
}
