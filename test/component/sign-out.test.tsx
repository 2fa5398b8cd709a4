import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Options } from '@/entrypoints/options/Options.tsx';
import { App } from '@/entrypoints/popup/App.tsx';
import { listUsedOrigins } from '@/features/autofill/index.ts';
import {
  createRememberedPairs,
  extensionVault,
  rememberedFillablePair,
} from '@/features/remembered-keys/index.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import type { Connection } from '@/lib/settings.ts';
import { connection, signIn, signOut } from '@/lib/state.ts';
import {
  clearStorage,
  fakeAccess,
  fakeNotifications,
  fakeRotationReminder,
  fakeAutofill,
  fakeHistory,
  fakeClient,
  me,
  NORTH,
  snapshot,
} from './fixtures.ts';

beforeEach(clearStorage);
afterEach(cleanup);

const ALICE: Connection = { url: 'http://127.0.0.1:8787', token: 's3k_alice' };
const ALICE_PAIR = {
  accessKeyId: NORTH.key!.accessKeyId,
  secretAccessKey: 'alice/north/Secret',
  endpoint: NORTH.endpoint,
  region: NORTH.id,
};
const PASSPHRASE = 'alice’s own passphrase';

// The real stored vault; its companion side answers that alice is signed in and has nothing synced yet.
const rememberedPairs = createRememberedPairs({
  ...extensionVault,
  link: { sync: async () => ({ problem: null, userId: 'usr_alice' }) },
});

/** Alice is signed in and has remembered her pair, unlocked (the real store: session key, vault in IndexedDB). */
async function aliceRemembersHerPair() {
  await connection.setValue(ALICE);
  await rememberedPairs.remember(ALICE_PAIR, PASSPHRASE);
  expect(await rememberedPairs.status()).toBe('unlocked');
}

/** Bob connects with his token in the form on screen. */
async function bobConnects() {
  fireEvent.input(await screen.findByLabelText('Personal access token'), { target: { value: 's3k_bob' } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
  await vi.waitFor(async () => expect((await connection.getValue())?.token).toBe('s3k_bob'));
}

/** Bob opens the popup: alice's pairs must be locked, and neither the card nor the command fills hers. */
async function bobFindsThePairsLocked() {
  cleanup();
  const start = {
    connection: await connection.getValue(),
    secret: null,
    snapshot: snapshot(),
    params: { tabId: 3 },
  };
  const deps = {
    signIn,
    signOut,
    clientFor: () => fakeClient(),
    runOperation: vi.fn(),
    openSettings: vi.fn(),
    access: fakeAccess(),
    autofill: fakeAutofill({ remembered: rememberedPairs }),
  };
  render(<App start={start} deps={deps} />);
  await screen.findByText('Remembered pairs are locked.', undefined, { timeout: 5000 });
  expect(screen.queryByText(/Remembered pairs unlocked/)).toBeNull();
  expect(screen.queryByRole('button', { name: 'Fill into page for Demo North' })).toBeNull();
  const forCommand = await rememberedFillablePair(rememberedPairs, listUsedOrigins)({ url: NORTH.endpoint });
  expect(forCommand).toMatchObject({ ok: false, reason: 'no-pair', detail: expect.stringMatching(/locked/) });
}

describe('sign-out locks the remembered pairs', () => {
  it('after alice signs out on the options page, bob signing in there finds them locked', async () => {
    await aliceRemembersHerPair();
    render(
      <Options
        initial={ALICE}
        deps={{
          whoAmI: async () => me(),
          signIn,
          signOut,
          access: fakeAccess(),
          history: fakeHistory,
          notifications: fakeNotifications(),
          rotationReminder: () => fakeRotationReminder(),
        }}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await bobConnects();
    await bobFindsThePairsLocked();
  });

  it('when the companion refuses alice’s token in the popup, bob signing in there finds them locked', async () => {
    await aliceRemembersHerPair();
    const refused = new CompanionError(401, 'unauthorized', 'Missing or unknown token.');
    const deps = {
      signIn,
      signOut,
      // The popup starts with alice's connection read already, so it is never a promise here.
      clientFor: (saved: Connection | Promise<Connection>) =>
        (saved as Connection).token === ALICE.token
          ? fakeClient({ me: vi.fn(async () => Promise.reject(refused)) })
          : fakeClient(),
      runOperation: vi.fn(),
      openSettings: vi.fn(),
      access: fakeAccess(),
      autofill: fakeAutofill({ remembered: rememberedPairs }),
    };
    render(
      <App start={{ connection: ALICE, secret: null, snapshot: null, params: { tabId: 3 } }} deps={deps} />,
    );
    await bobConnects();
    await bobFindsThePairsLocked();
  });
});
