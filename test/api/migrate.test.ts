// `s3keys-companion migrate`: a lowdb data directory copied into a real PostgreSQL database and used
// from there — keys (current and retired), tokens, audit — with the secrets still sealed.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTokenUser } from '../../companion/auth/tokens.ts';
import { createBackends } from '../../companion/backends/index.ts';
import { seedDemo } from '../../companion/directory/demo.ts';
import { createKeyService } from '../../companion/keys/key-service.ts';
import { silentLogger } from '../../companion/logger.ts';
import { openRegistry } from '../../companion/registry.ts';
import { runCli } from '../helpers/companion-process.ts';
import { freshSchema } from '../helpers/local-postgres.ts';
import { postgresUrl, usePostgresForFile } from '../helpers/test-storage.ts';

usePostgresForFile();

describe('migrate --from DIR --to postgres://…', () => {
  // Two CLI processes: generous time on a loaded machine.
  it('copies everything, says what, keeps secrets sealed, and refuses a non-empty target', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 's3keys-migrate-'));
    const source = await openRegistry({ dataDir });
    const tokens = await seedDemo(source.storage, new Date().toISOString());
    const keys = createKeyService({
      storage: source.storage,
      sealer: source.sealer,
      backendFor: createBackends({}),
      logger: silentLogger,
    });
    const alice = (await source.storage.findUser('alice@demo.example'))!;
    const first = await keys.create(alice, 'demo-north-1');
    const current = await keys.reset(alice, 'demo-north-1', first.accessKeyId);
    const auditBefore = await source.storage.auditPage(alice.accountId, { limit: 100 });
    await source.close();

    const databaseUrl = await freshSchema(await postgresUrl());
    const copied = await runCli(['migrate', '--from', dataDir, '--to', databaseUrl]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(
      /1 accounts, 3 users, 3 tokens, 3 regions, 3 services, 2 keys \(1 retired\), 2 audit events/,
    );

    // The same data directory's master key opens the copied secrets; tokens and audit came along.
    const target = await openRegistry({ dataDir, databaseUrl });
    try {
      const records = await target.storage.keysOf(alice.accountId);
      expect(records.map((k) => [k.accessKeyId, k.state])).toEqual([
        [first.accessKeyId, 'retired'],
        [current.accessKeyId, 'current'],
      ]);
      const stored = records[1]!;
      expect(JSON.stringify(stored)).not.toContain(current.secretAccessKey);
      expect(target.sealer.open(stored.secret!, stored)).toBe(current.secretAccessKey);
      expect((await findTokenUser(target.storage, tokens.alice!.token))?.email).toBe('alice@demo.example');
      expect(await target.storage.auditPage(alice.accountId, { limit: 100 })).toEqual(auditBefore);
    } finally {
      await target.close();
    }

    const again = await runCli(['migrate', '--from', dataDir, '--to', databaseUrl]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds registry data/);
  });
});
