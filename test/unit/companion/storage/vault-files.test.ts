// The lowdb side's vault store on real files: one 0600 file per user, written durably, read back after
// a reopen, compare-and-swap per user, and a user id that is not one of ours never becomes a path.
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VaultContent } from '#shared/vault';
import { openVaultFiles } from '../../../../companion/storage/vault-files.ts';

const content = (epoch = 0): VaultContent => ({
  kdf: { algorithm: 'PBKDF2-SHA-256', salt: 'c2FsdHNhbHRzYWx0c2FsdA==', iterations: 600_000 },
  epoch,
  check: { iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'Y2hlY2s=' },
  items: [],
});

describe('vault files', () => {
  it('when a user writes, then their own 0600 file holds it, and a reopened store reads it and its version', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 's3keys-vaults-')), 'vaults');
    const store = await openVaultFiles(dir);
    expect(await store.version('usr_alice')).toBe(0);
    expect(await store.replace('usr_alice', 0, content(), '2026-12-02T10:00:00.000Z')).toBe(1);
    expect(await store.replace('usr_alice', 1, content(1), '2026-12-02T10:01:00.000Z')).toBe(2);
    await store.close();

    expect(await readdir(dir)).toEqual(['usr_alice.json']);
    expect((await stat(join(dir, 'usr_alice.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(join(dir, 'usr_alice.json'), 'utf8'))).toMatchObject({ version: 2 });
    const reopened = await openVaultFiles(dir);
    expect(await reopened.version('usr_alice')).toBe(2);
    expect(await reopened.read('usr_alice')).toEqual({
      version: 2,
      content: content(1),
      updatedAt: '2026-12-02T10:01:00.000Z',
    });
    expect(await reopened.read('usr_bob')).toBeNull();
  });

  it('when two writes name the same version at once, then one wins and the other changes nothing', async () => {
    const store = await openVaultFiles(join(await mkdtemp(join(tmpdir(), 's3keys-vaults-')), 'vaults'));
    const results = await Promise.all(
      [0, 1, 2].map((epoch) => store.replace('usr_alice', 0, content(epoch), 'now')),
    );
    expect(results.filter((r) => r === 1)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(2);
    expect(await store.version('usr_alice')).toBe(1);
  });

  it('when a user id could name a path, then it is refused and nothing is written', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 's3keys-vaults-')), 'vaults');
    const store = await openVaultFiles(dir);
    await expect(store.replace('../registry', 0, content(), 'now')).rejects.toThrow(/unexpected user id/);
    expect(await readdir(dir)).toEqual([]);
  });
});
