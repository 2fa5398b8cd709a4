// Two (and three) browsers' vault copies synced through one companion vault (the routes' compare-and-swap
// rule in memory; the real routes are in test/api/vault.test.ts and the e2e test): what each browser
// finds after sync, a wrong passphrase, a tampered item, and a vault sealed for another user.
import { describe, expect, it } from 'vitest';
import {
  createLocalVault,
  type LocalVault,
  type RememberedPair,
} from '../../../../extension/features/remembered-keys/local-vault.ts';
import { syncVault } from '../../../../extension/features/remembered-keys/vault-sync.ts';
import { memoryItem } from '../../../../extension/lib/stored-item.ts';
import { memoryVaultServer, type MemoryVaultServer } from '../../../helpers/memory-vault-companion.ts';

const PASSPHRASE = 'correct horse battery staple';
const pair = (region: string, n: number): RememberedPair => ({
  region,
  accessKeyId: `AKID${region.toUpperCase().replace(/-/g, '')}${n}`,
  secretAccessKey: `secret/${region}/${n}/wJalrXUtnFEMI`,
  endpoint: `https://${region}.example`,
});
const NORTH = pair('demo-north-1', 1);
const SOUTH = pair('demo-south-1', 1);
const EAST = pair('demo-east-1', 1);

/** One browser profile: its own vault copy and session, syncing as `userId`. */
function browser(server: MemoryVaultServer, userId = 'usr_alice') {
  const local = memoryItem<LocalVault | null>(null);
  const store = createLocalVault({ local, session: memoryItem<string | null>(null) });
  const companion = server.as(userId);
  return {
    store,
    local,
    sync: () => syncVault({ local, remote: companion.remote, userId, exclusive: store.exclusive }),
    pairs: async () =>
      (await store.entries())
        .map((e) => (e.state === 'unreadable' ? 'unreadable' : `${e.state} ${e.pair.accessKeyId}`))
        .sort(),
  };
}

describe('vault sync between browsers', () => {
  it('remembered in A, B pulls the vault, a wrong passphrase changes nothing, the right one opens the same pairs', async () => {
    const server = memoryVaultServer();
    const a = browser(server);
    await a.store.setUp(PASSPHRASE, 'usr_alice');
    await a.store.remember(NORTH);
    expect(await a.sync()).toBe('pushed');
    expect(await a.sync()).toBe('unchanged');

    const b = browser(server);
    expect(await b.sync()).toBe('pulled');
    expect(await b.store.isLocked()).toBe(true);
    const before = JSON.stringify(await b.local.getValue());
    expect(await b.store.unlock('not the passphrase')).toBe(false);
    expect(await b.store.isLocked()).toBe(true);
    expect(JSON.stringify(await b.local.getValue())).toBe(before);
    expect(await b.store.unlock(PASSPHRASE)).toBe(true);
    expect(await b.pairs()).toEqual([`remembered ${NORTH.accessKeyId}`]);
    expect((await b.store.entries())[0]).toMatchObject({ pair: NORTH });

    // The companion holds ciphertext only.
    const held = JSON.stringify(server.stored);
    for (const secret of [NORTH.secretAccessKey, NORTH.accessKeyId, PASSPHRASE])
      expect(held).not.toContain(secret);
  });

  it('concurrent edits in A and B both survive: the later writer gets a conflict, merges and writes again', async () => {
    const server = memoryVaultServer();
    const a = browser(server);
    await a.store.setUp(PASSPHRASE, 'usr_alice');
    await a.sync();
    const b = browser(server);
    await b.sync();
    await b.store.unlock(PASSPHRASE);

    await a.store.remember(SOUTH);
    await b.store.remember(EAST);
    expect(await a.sync()).toBe('pushed');
    expect(await b.sync()).toBe('pushed');
    expect(await a.sync()).toBe('pulled');
    const both = [`remembered ${EAST.accessKeyId}`, `remembered ${SOUTH.accessKeyId}`];
    expect(await a.pairs()).toEqual(both);
    expect(await b.pairs()).toEqual(both);
    expect(server.writes).toBe(3);
  });

  it('a retirement in A shows in B after sync; forget all in A empties B too, and B’s stale pairs do not return', async () => {
    const server = memoryVaultServer();
    const a = browser(server);
    await a.store.setUp(PASSPHRASE, 'usr_alice');
    await a.store.remember(NORTH);
    await a.store.remember(SOUTH);
    await a.sync();
    const b = browser(server);
    await b.sync();
    await b.store.unlock(PASSPHRASE);

    await a.store.retire([NORTH.accessKeyId]);
    await a.sync();
    await b.sync();
    expect(await b.pairs()).toEqual([`remembered ${SOUTH.accessKeyId}`, `retired ${NORTH.accessKeyId}`]);

    await b.store.remember(EAST); // made on B's copy before it learns of the forget
    await a.store.lock();
    await a.store.forgetAll(); // works locked: no item needs opening
    await a.sync();
    await b.sync();
    expect(await b.pairs()).toEqual([]);
    expect(server.stored.vault?.items).toEqual([]);
  });

  it('a tampered item (one byte flipped on the companion) is refused on unlock; the other items still open', async () => {
    const server = memoryVaultServer();
    const a = browser(server);
    await a.store.setUp(PASSPHRASE, 'usr_alice');
    await a.store.remember(NORTH);
    await a.store.remember(SOUTH);
    await a.sync();
    const target = server.stored.vault!.items[0]!;
    const bytes = Uint8Array.from(atob(target.ciphertext), (c) => c.charCodeAt(0));
    bytes[5]! ^= 0x01;
    target.ciphertext = btoa(String.fromCharCode(...bytes));

    const c = browser(server);
    await c.sync();
    expect(await c.store.unlock(PASSPHRASE)).toBe(true);
    const pairs = await c.pairs();
    expect(pairs).toHaveLength(2);
    expect(pairs).toContain('unreadable');
    expect(pairs.filter((p) => p !== 'unreadable')).toHaveLength(1);
    // Moving an item to another version (a replay of an older state) is refused the same way.
    server.stored.vault!.items[1]!.version = 2;
    const d = browser(server);
    await d.sync();
    await d.store.unlock(PASSPHRASE);
    expect(await d.pairs()).toEqual(['unreadable', 'unreadable']);
  });

  it('a vault sealed for another user cannot be opened, even with the same passphrase; signing in as them replaces the copy', async () => {
    const server = memoryVaultServer();
    const a = browser(server);
    await a.store.setUp(PASSPHRASE, 'usr_alice');
    await a.store.remember(NORTH);
    await a.sync();
    // The companion hands alice's vault to bob (a swap in storage): bound to alice, it does not open for him.
    const bob = browser(server, 'usr_bob');
    await bob.sync();
    await bob.local.setValue({ ...(await bob.local.getValue())!, userId: 'usr_bob' });
    expect(await bob.store.unlock(PASSPHRASE)).toBe(false);

    // Alice's copy in a browser where bob signs in next is replaced by bob's (none): it is never written as his.
    const bobsServer = memoryVaultServer();
    const shared = browser(bobsServer, 'usr_bob');
    await shared.local.setValue(await a.local.getValue());
    expect(await shared.sync()).toBe('unchanged');
    expect(await shared.local.getValue()).toBeNull();
    expect(bobsServer.writes).toBe(0);
  });
});
