import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberedFillablePair, type RememberedPair } from '@/features/remembered-keys/index.ts';
import { RememberedKeysLock } from '@/features/remembered-keys/RememberedKeysLock.tsx';
import { RememberPair } from '@/features/remembered-keys/RememberPair.tsx';
import { useRememberedKeys } from '@/features/remembered-keys/use-remembered-keys.ts';
import type { LegacyVault } from '@/features/remembered-keys/legacy-vault.ts';
import { memoryItem } from '@/lib/stored-item.ts';
import { memoryVaultServer } from '../helpers/memory-vault-companion.ts';
import { memoryRememberedPairs } from './fixtures.ts';

afterEach(cleanup);

const PASSPHRASE = 'correct horse battery staple';
const NORTH: RememberedPair = {
  accessKeyId: 'AKNORTH0000000000001',
  secretAccessKey: 'north/Secret+1',
  endpoint: 'http://127.0.0.1:7481',
  region: 'demo-north-1',
};
const SOUTH: RememberedPair = {
  accessKeyId: 'AKSOUTH0000000000002',
  secretAccessKey: 'south/Secret+2',
  endpoint: 'http://127.0.0.1:7482',
  region: 'demo-south-1',
};

/** The opt-in and the lock together, on one store, as the popup wires them. */
function Harness({
  remembered,
  pair = NORTH,
}: {
  remembered: ReturnType<typeof memoryRememberedPairs>;
  pair?: RememberedPair;
}) {
  const view = useRememberedKeys(remembered);
  return (
    <>
      <RememberedKeysLock view={view} />
      <RememberPair pair={pair} view={view} />
    </>
  );
}

const type = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('RememberPair (opt-in on the secret panel)', () => {
  it('the first time, asks to set and confirm a passphrase; refuses a short or mismatched one; then keeps only ciphertext', async () => {
    const remembered = memoryRememberedPairs();
    render(<Harness remembered={remembered} />);
    fireEvent.click(await screen.findByLabelText('Remember this pair in this browser (encrypted)'));
    expect(document.activeElement).toBe(screen.getByLabelText('Set a passphrase'));
    type('Set a passphrase', 'short');
    type('Confirm passphrase', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Remember pair' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least 8 characters/);
    type('Set a passphrase', PASSPHRASE);
    type('Confirm passphrase', `${PASSPHRASE}!`);
    fireEvent.click(screen.getByRole('button', { name: 'Remember pair' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/do not match/);
    type('Confirm passphrase', PASSPHRASE);
    fireEvent.click(screen.getByRole('button', { name: 'Remember pair' }));
    await screen.findByText(/Remembered in this browser, encrypted\./, undefined, { timeout: 5000 });
    expect(screen.getByText('Remembered pairs unlocked (1 pair).')).toBeTruthy();
    const atRest = JSON.stringify(await remembered.vault.getValue());
    expect(atRest).not.toContain(NORTH.secretAccessKey);
    expect(atRest).not.toContain(NORTH.accessKeyId);
  });

  it('when the store is locked, asks for its passphrase; a wrong one remembers nothing; Esc closes the form', async () => {
    const remembered = memoryRememberedPairs();
    await remembered.remember(SOUTH, PASSPHRASE);
    await remembered.lock();
    render(<Harness remembered={remembered} />);
    fireEvent.click(await screen.findByLabelText('Remember this pair in this browser (encrypted)'));
    expect(screen.queryByLabelText('Confirm passphrase')).toBeNull();
    type('Passphrase of your remembered pairs', 'wrong passphrase');
    fireEvent.click(screen.getByRole('button', { name: 'Remember pair' }));
    expect((await screen.findByRole('alert', undefined, { timeout: 5000 })).textContent).toMatch(
      /^Wrong passphrase/,
    );
    fireEvent.keyDown(screen.getByLabelText('Passphrase of your remembered pairs'), { key: 'Escape' });
    expect(screen.queryByLabelText('Passphrase of your remembered pairs')).toBeNull();
    expect(await remembered.status()).toBe('locked');
  });
});

describe('RememberedKeysLock', () => {
  it('is absent until the user opts in', async () => {
    render(<Harness remembered={memoryRememberedPairs()} />);
    await screen.findByLabelText('Remember this pair in this browser (encrypted)');
    expect(screen.queryByRole('region', { name: 'Remembered pairs' })).toBeNull();
  });

  it('unlocks with the passphrase (not with a wrong one), locks now, and returns focus to Unlock', async () => {
    const remembered = memoryRememberedPairs();
    await remembered.remember(SOUTH, PASSPHRASE);
    await remembered.lock();
    render(<Harness remembered={remembered} pair={SOUTH} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Unlock remembered pairs' }));
    const field = screen.getByLabelText('Passphrase of your remembered pairs');
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(field, { key: 'Escape' });
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Unlock remembered pairs' })),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Unlock remembered pairs' }));
    type('Passphrase of your remembered pairs', 'nope nope nope');
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert', undefined, { timeout: 5000 })).textContent).toBe(
      'Wrong passphrase. Nothing was unlocked.',
    );
    type('Passphrase of your remembered pairs', PASSPHRASE);
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByText('Remembered pairs unlocked (1 pair).', undefined, { timeout: 5000 });
    // The pair of this secret panel is already remembered.
    expect(screen.getByText(/Remembered in this browser, encrypted\./)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Lock now' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Unlock remembered pairs' })),
    );
    expect(await remembered.session.getValue()).toBeNull();
  });
});

describe('remembered pairs behind the command and the context menu', () => {
  it('explains a locked store; picks the pair used on this site, else the only one; refuses to guess among several', async () => {
    const remembered = memoryRememberedPairs();
    const used = vi.fn(async (id: string) => (id === SOUTH.accessKeyId ? ['https://console.example'] : []));
    const provider = rememberedFillablePair(remembered, used);
    expect(await provider({ url: 'https://console.example/login' })).toBeNull();

    await remembered.remember(NORTH, PASSPHRASE);
    expect(await provider({ url: 'https://other.example/' })).toEqual(NORTH);
    await remembered.remember(SOUTH);
    expect(await provider({ url: 'https://console.example/login' })).toEqual(SOUTH);
    expect(await provider({ url: 'https://other.example/' })).toMatchObject({
      ok: false,
      reason: 'no-pair',
      detail: expect.stringMatching(/^Several pairs are remembered/),
    });

    await remembered.lock();
    expect(await provider({ url: 'https://console.example/login' })).toMatchObject({
      ok: false,
      reason: 'no-pair',
      detail: expect.stringMatching(/locked/),
    });
  });

  it('a reset retires the old pair even while locked: it is gone after the next unlock', async () => {
    const remembered = memoryRememberedPairs();
    await remembered.remember(NORTH, PASSPHRASE);
    await remembered.remember(SOUTH);
    await remembered.lock();
    await remembered.retire(NORTH.accessKeyId);
    expect(await remembered.unlock(PASSPHRASE)).toBe(true);
    expect(await remembered.pairs()).toEqual([SOUTH]);
    await remembered.retire(SOUTH.accessKeyId);
    expect(await remembered.pairs()).toEqual([]);
  });
});

describe('the synced vault in the popup', () => {
  /** The lock alone, as the popup shows it above the region list. */
  function Lock({ remembered }: { remembered: ReturnType<typeof memoryRememberedPairs> }) {
    return <RememberedKeysLock view={useRememberedKeys(remembered)} />;
  }

  it('when a region’s key was reset elsewhere, the popup’s sync retires its pair: listed as retired, never filled, where-used told', async () => {
    let northKey = NORTH.accessKeyId;
    const onRetired = vi.fn(async () => {});
    const remembered = memoryRememberedPairs({
      regions: () => [{ id: NORTH.region, key: { accessKeyId: northKey } as never }],
      onRetired,
    });
    await remembered.remember(NORTH, PASSPHRASE);
    await remembered.remember(SOUTH);
    northKey = 'AKNORTHNEW0000000003';
    render(<Lock remembered={remembered} />);
    const retired = await screen.findByRole('list', { name: 'Retired remembered pairs' }, { timeout: 5000 });
    expect(retired.textContent).toContain(NORTH.accessKeyId);
    await screen.findByText('Remembered pairs unlocked (1 pair).');
    expect(await remembered.pairs()).toEqual([SOUTH]);
    expect(onRetired).toHaveBeenCalledExactlyOnceWith({
      region: NORTH.region,
      accessKeyId: NORTH.accessKeyId,
    });
    // The retirement reached the companion's copy.
    expect(remembered.server.stored.vault?.items.map((i) => i.version).sort()).toEqual([1, 2]);
  });

  it('an item changed on the companion is refused with a sentence after unlocking in another browser; the others open', async () => {
    const server = memoryVaultServer();
    const first = memoryRememberedPairs({ server });
    await first.remember(NORTH, PASSPHRASE);
    await first.remember(SOUTH);
    const item = server.stored.vault!.items[0]!;
    item.ciphertext = `${item.ciphertext[0] === 'A' ? 'B' : 'A'}${item.ciphertext.slice(1)}`;

    const second = memoryRememberedPairs({ server });
    render(<Lock remembered={second} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Unlock remembered pairs' }, { timeout: 5000 }),
    );
    type('Passphrase of your remembered pairs', PASSPHRASE);
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert', undefined, { timeout: 5000 })).textContent).toMatch(
      /^1 remembered item could not be opened: changed outside this browser .* The other pairs opened\.$/,
    );
    expect(screen.getByText('Remembered pairs unlocked (1 pair).')).toBeTruthy();
    expect(await second.pairs()).toHaveLength(1);
  });

  it('"Forget all remembered pairs" asks first, then empties this browser and the synced vault', async () => {
    const remembered = memoryRememberedPairs();
    await remembered.remember(NORTH, PASSPHRASE);
    render(<Lock remembered={remembered} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Forget all remembered pairs' }, { timeout: 5000 }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await remembered.pairs()).toEqual([NORTH]);
    fireEvent.click(screen.getByRole('button', { name: 'Forget all remembered pairs' }));
    expect(screen.getByRole('group', { name: 'Forget all remembered pairs?' }).textContent).toMatch(
      /other browsers/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Forget all' }));
    await screen.findByText('Remembered pairs unlocked (0 pairs).', undefined, { timeout: 5000 });
    expect(await remembered.pairs()).toEqual([]);
    expect(remembered.server.stored.vault).toMatchObject({ epoch: 1, items: [] });
  });

  it('locks after the idle time the user chose; unlocking again asks for the passphrase', async () => {
    const chosen = memoryRememberedPairs();
    await chosen.remember(NORTH, PASSPHRASE);
    render(<Lock remembered={chosen} />);
    fireEvent.change(await screen.findByLabelText(/Lock after/, undefined, { timeout: 5000 }), {
      target: { value: '5' },
    });
    await waitFor(async () => expect(await chosen.idleMinutes()).toBe(5));

    // The clock of a vault nobody renders, so only the test's calls count as use.
    let now = 1_000_000;
    const remembered = memoryRememberedPairs({ now: () => now });
    await remembered.setIdleMinutes(5);
    await remembered.remember(NORTH, PASSPHRASE);
    now += 4 * 60_000;
    expect(await remembered.pairs()).toEqual([NORTH]); // a use: the idle time starts again
    now += 5 * 60_000;
    expect(await remembered.status()).toBe('unlocked');
    now += 1;
    expect(await remembered.status()).toBe('locked');
    expect(await remembered.session.getValue()).toBeNull();
    expect(await remembered.pairs()).toEqual([]);
    expect(await remembered.unlock(PASSPHRASE)).toBe(true);
    expect(await remembered.pairs()).toEqual([NORTH]);
  });

  it('when the companion does not answer, the pairs still work here and the popup says why they are not synced', async () => {
    const remembered = memoryRememberedPairs();
    await remembered.remember(NORTH, PASSPHRASE);
    remembered.server.down = true;
    render(<Lock remembered={remembered} />);
    expect((await screen.findByTestId('vault-sync-problem', undefined, { timeout: 5000 })).textContent).toBe(
      'Not synced: Cannot reach the companion at http://127.0.0.1:8787.',
    );
    expect(await remembered.pairs()).toEqual([NORTH]);
  });
});

describe('pairs remembered before sync', () => {
  /** A vault as the version before sync wrote it: the whole list, one ciphertext. */
  async function legacyVault(pairs: RememberedPair[], passphrase: string): Promise<LegacyVault> {
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const material = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(passphrase),
      'PBKDF2',
      false,
      ['deriveKey'],
    );
    const key = await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600_000 },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt'],
    );
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode('s3keys:remembered-keys:v1') },
      key,
      new TextEncoder().encode(JSON.stringify(pairs)),
    );
    return {
      version: 1,
      salt: b64(salt),
      iterations: 600_000,
      iv: b64(iv),
      ciphertext: b64(new Uint8Array(ciphertext)),
    };
  }

  it('are locked until the first unlock, which moves them into the synced vault under the same passphrase; a wrong one changes nothing', async () => {
    const legacy = memoryItem<LegacyVault | null>(null, await legacyVault([NORTH, SOUTH], PASSPHRASE));
    const remembered = memoryRememberedPairs({ legacy });
    expect(await remembered.status()).toBe('locked');
    expect(await remembered.unlock('not the passphrase')).toBe(false);
    expect(await legacy.getValue()).not.toBeNull();
    expect(remembered.server.stored.vault).toBeNull();

    expect(await remembered.unlock(PASSPHRASE)).toBe(true);
    expect(await remembered.pairs()).toEqual([NORTH, SOUTH]);
    expect(await legacy.getValue()).toBeNull();
    expect(remembered.server.stored.vault?.items).toHaveLength(2);
    await remembered.lock();
    expect(await remembered.unlock(PASSPHRASE)).toBe(true);
    expect(await remembered.pairs()).toEqual([NORTH, SOUTH]);
  });

  it('"Forget all" while they are still locked forgets them too', async () => {
    const legacy = memoryItem<LegacyVault | null>(null, await legacyVault([NORTH], PASSPHRASE));
    const remembered = memoryRememberedPairs({ legacy });
    expect(await remembered.forgetAll()).toBeNull();
    expect(await legacy.getValue()).toBeNull();
    expect(await remembered.status()).toBe('off');
  });
});
