import { describe, expect, it } from 'vitest';
import {
  createRememberedKeys,
  MIN_ITERATIONS,
  type Vault,
} from '../../../../extension/features/remembered-keys/remembered-keys-store.ts';
import type { StoredItem } from '../../../../extension/lib/stored-item.ts';

function memory<T>(): StoredItem<T | null> & { peek(): T | null } {
  let value: T | null = null;
  return {
    getValue: async () => value,
    setValue: async (v) => void (value = v),
    removeValue: async () => void (value = null),
    peek: () => value,
  };
}

const NORTH = {
  accessKeyId: 'AKIANORTH',
  secretAccessKey: 'north/secret',
  endpoint: 'https://n.example',
  region: 'demo-north-1',
};
const SOUTH = {
  accessKeyId: 'AKIASOUTH',
  secretAccessKey: 'south/secret',
  endpoint: 'https://s.example',
  region: 'demo-south-1',
};

describe('remembered keys store', () => {
  it('refuses fewer than 600,000 PBKDF2 iterations at construction', () => {
    expect(() => createRememberedKeys({ vault: memory(), session: memory(), iterations: 1000 })).toThrow(
      /600000/,
    );
  });

  it('keeps pairs encrypted at rest, locks with a new session (browser start) and unlocks only with the passphrase', async () => {
    const vault = memory<Vault>();
    const store = createRememberedKeys({ vault, session: memory() });
    expect(await store.isSetUp()).toBe(false);
    await store.setUp('correct horse battery staple');
    await store.remember(NORTH);
    await store.remember(SOUTH);
    await store.remember({ ...NORTH, accessKeyId: 'AKIANORTH2', secretAccessKey: 'north/new' });
    expect((await store.list()).map((p) => p.accessKeyId)).toEqual(['AKIASOUTH', 'AKIANORTH2']);
    expect(vault.peek()!.iterations).toBe(MIN_ITERATIONS);
    expect(JSON.stringify(vault.peek())).not.toMatch(/secret|AKIA/);

    // A browser restart: same vault, empty session storage.
    const restarted = createRememberedKeys({ vault, session: memory() });
    expect(await restarted.isLocked()).toBe(true);
    await expect(restarted.list()).rejects.toThrow(/locked/);
    expect(await restarted.unlock('wrong passphrase')).toBe(false);
    expect(await restarted.isLocked()).toBe(true);
    expect(await restarted.unlock('correct horse battery staple')).toBe(true);
    expect((await restarted.list()).map((p) => p.region)).toEqual(['demo-south-1', 'demo-north-1']);

    await restarted.forget('AKIASOUTH');
    expect((await restarted.list()).map((p) => p.accessKeyId)).toEqual(['AKIANORTH2']);
    await restarted.lock();
    expect(await restarted.isLocked()).toBe(true);
    await restarted.erase();
    expect(vault.peek()).toBeNull();
  });

  it('a tampered ciphertext does not decrypt', async () => {
    const vault = memory<Vault>();
    const store = createRememberedKeys({ vault, session: memory() });
    await store.setUp('pass phrase');
    await store.remember(NORTH);
    const stored = vault.peek()!;
    const bytes = Uint8Array.from(atob(stored.ciphertext), (c) => c.charCodeAt(0));
    bytes[0]! ^= 1;
    await vault.setValue({ ...stored, ciphertext: btoa(String.fromCharCode(...bytes)) });
    await expect(store.list()).rejects.toThrow();
    const fresh = createRememberedKeys({ vault, session: memory() });
    expect(await fresh.unlock('pass phrase')).toBe(false);
  });
});
