/** Data and fakes shared by the extension's component tests. */
import { vi } from 'vitest';
import type { Me, Region, RegionCheck, Role } from '#shared/api';
import type { PopupDeps } from '@/entrypoints/popup/App.tsx';
import type { PopupAutofill } from '@/entrypoints/popup/popup-autofill.ts';
import type { CompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import type { KeyHistoryProps } from '@/features/key-history/KeyHistory.tsx';
import {
  createLocalVault,
  createRememberedPairs,
  type LocalVault,
  type RememberedPairs,
  type VaultParts,
} from '@/features/remembered-keys/index.ts';
import type { LegacyVault } from '@/features/remembered-keys/legacy-vault.ts';
import { createVaultSyncer } from '@/features/remembered-keys/vault-syncer.ts';
import type { CompanionClient } from '@/lib/companion-client.ts';
import { CompanionError } from '@/lib/companion-error.ts';
import { memoryItem, type StoredItem } from '@/lib/stored-item.ts';
import type { PendingSecret } from '@/lib/pending-secret.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { signIn, signOut, STATE } from '@/lib/state.ts';
import { type MemoryVaultServer, memoryVaultServer } from '../helpers/memory-vault-companion.ts';

export const me = (role: Role = 'admin'): Me => ({
  user: { id: 'usr_alice', name: 'Alice', email: 'alice@demo.example', role },
  account: { id: 'acc_demo', name: 'Demo' },
  canManageKeys: role !== 'member',
});

export const NORTH: Region = {
  id: 'demo-north-1',
  name: 'Demo North',
  endpoint: 'http://127.0.0.1:7481',
  serviceAvailable: true,
  status: 'CONFIGURED',
  key: {
    accessKeyId: 'AKNORTH0000000000001',
    createdAt: '2026-11-20T10:00:00.000Z',
    createdBy: 'usr_alice',
    lastResetAt: '2026-11-25T10:00:00.000Z',
    lastResetBy: 'usr_bob',
  },
};
export const SOUTH: Region = {
  id: 'demo-south-1',
  name: 'Demo South',
  endpoint: 'http://127.0.0.1:7482',
  serviceAvailable: true,
  status: 'NOT_CONFIGURED',
  key: null,
};
export const EAST: Region = {
  id: 'demo-east-1',
  name: 'Demo East',
  endpoint: 'http://127.0.0.1:7483',
  serviceAvailable: false,
  status: 'SERVICE_UNAVAILABLE',
  key: null,
};
export const REGIONS = [NORTH, SOUTH, EAST];

export const check = (id: string, over: Partial<RegionCheck> = {}): RegionCheck => ({
  id,
  endpointReachable: true,
  latencyMs: 42,
  keyVerified: null,
  checkedAt: '2026-11-27T10:00:00.000Z',
  detail: null,
  ...over,
});

export const snapshot = (over: Partial<RegionSnapshot> = {}): RegionSnapshot => ({
  me: me(),
  regions: REGIONS,
  checks: [],
  fetchedAt: new Date().toISOString(),
  ...over,
});

export const SECRET: PendingSecret = {
  region: 'demo-south-1',
  accessKeyId: 'AKSOUTH0000000000002',
  secretAccessKey: 'sEcReT/0123456789abcdefghijABCDEFGHIJ+xyz',
  createdAt: '2026-11-27T10:00:00.000Z',
  kind: 'create',
  regionName: 'Demo South',
  endpoint: 'http://127.0.0.1:7482',
  replacedAccessKeyId: null,
};

export const unreachable = () =>
  new CompanionError(
    0,
    'unreachable',
    'Cannot reach the companion at http://127.0.0.1:8787. Is it running? Start it with "npm start".',
  );

/** A companion client whose answers each test sets; by default alice, three regions, all checks registry-only. */
export function fakeClient(over: Partial<Record<keyof CompanionClient, unknown>> = {}): CompanionClient {
  return {
    url: 'http://127.0.0.1:8787',
    me: vi.fn(async () => me()),
    regions: vi.fn(async () => REGIONS),
    status: vi.fn(async () =>
      REGIONS.map((r) =>
        check(r.id, {
          endpointReachable: false,
          latencyMs: null,
          detail: 'Registry-only region: no S3 backend is configured.',
        }),
      ),
    ),
    createKey: vi.fn(),
    resetKey: vi.fn(),
    keyUsage: vi.fn(async (region: string) => ({
      region,
      accessKeyId: REGIONS.find((r) => r.id === region)?.key?.accessKeyId ?? '',
      known: false,
      lastUsedHour: null,
      checkedAt: new Date().toISOString(),
      detail: 'Registry-only region: no S3 service records when keys are used.',
    })),
    changes: vi.fn(async () => 'v1'),
    audit: vi.fn(async () => ({ events: [], nextOffset: null })),
    account: vi.fn(async () => ({ id: 'acc_demo', name: 'Demo', rotationReminderDays: null })),
    setRotationReminder: vi.fn(),
    ...over,
  } as CompanionClient;
}

/** A promise the test settles by hand. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

/**
 * Empties every stored item between tests (fake browser storage, in-memory IndexedDB, localStorage).
 * Not `fakeBrowser.reset()`: that also drops the single storage listener WXT registers on first use,
 * after which no item's `watch` fires again.
 */
export async function clearStorage() {
  const { fakeBrowser } = await import('wxt/testing');
  await Promise.all([fakeBrowser.storage.session.clear(), fakeBrowser.storage.local.clear()]);
  await Promise.all(STATE.map((definition) => definition.item.removeValue()));
  localStorage.clear();
}

/** Remembered pairs on memory items (a vault, a session key, the retired ids), empty and not opted in. */
export function memoryRememberedPairs({
  server = memoryVaultServer(),
  regions,
  onRetired,
  now,
  legacy = memoryItem<LegacyVault | null>(null),
}: {
  server?: MemoryVaultServer;
  regions?: () => Pick<Region, 'id' | 'key'>[];
  onRetired?: (replaced: { region: string; accessKeyId: string }) => Promise<void>;
  now?: () => number;
  /** A vault of the version before sync, found in this browser. */
  legacy?: StoredItem<LegacyVault | null>;
} = {}): RememberedPairs & {
  vault: StoredItem<LocalVault | null>;
  session: StoredItem<string | null>;
  server: MemoryVaultServer;
} {
  const vault = memoryItem<LocalVault | null>(null);
  const session = memoryItem<string | null>(null);
  const parts: VaultParts = {
    store: createLocalVault({ local: vault, session }),
    retired: memoryItem<string[] | null>(null),
    lastUse: memoryItem<number | null>(null),
    idleMinutes: memoryItem(15),
    legacy,
  };
  const companion = server.as('usr_alice', regions);
  const syncer = createVaultSyncer({
    store: parts.store,
    pairs: { status: () => pairs.status(), sweep: () => pairs.sweep() },
    companion: async () => companion,
    onRetired,
  });
  const pairs = createRememberedPairs({ ...parts, link: syncer, now });
  return { ...pairs, vault, session, server };
}

/** The popup's autofill dependencies as fakes: every fill succeeds, no key was used anywhere. */
export function fakeAutofill(over: Partial<PopupAutofill> = {}): PopupAutofill {
  return {
    fillIntoPage: vi.fn(async () => ({
      ok: true as const,
      origin: 'http://127.0.0.1:9001',
      adapter: 'minio-console',
      filled: ['accessKey' as const, 'secret' as const],
    })),
    targetSite: vi.fn(async () => '127.0.0.1:9001'),
    remembered: memoryRememberedPairs(),
    openOrigin: vi.fn(),
    ...over,
  };
}

/** Host access granted and a companion answering, as the browser and the background would have it. */
/** The popup's dependencies, faked: `client` answers every companion call; `over` replaces any part. */
export function fakePopupDeps(
  client: CompanionClient = fakeClient(),
  over: Partial<PopupDeps> = {},
): PopupDeps {
  return {
    signIn,
    signOut,
    clientFor: () => client,
    runOperation: vi.fn(),
    openSettings: vi.fn(),
    autofill: fakeAutofill(),
    access: fakeAccess(),
    ...over,
  };
}

export const fakeAccess = (): CompanionAccess => ({
  request: vi.fn(async () => true),
  release: vi.fn(async () => {}),
  probe: vi.fn(async () => null),
});

/** The notifications opt-in, off until the test turns it on. */
export const fakeNotifications = () => {
  let on = false;
  return {
    allowed: vi.fn(async () => on),
    setAllowed: vi.fn(async (want: boolean) => (on = want)),
  };
};

/** The account's rotation reminder as the options page reads and sets it: `days` (default off), kept when set. */
export function fakeRotationReminder(days: number | null = null) {
  let rotationReminderDays = days;
  const account = () => ({ id: 'acc_demo', name: 'Demo', rotationReminderDays });
  return {
    load: vi.fn(async () => account()),
    save: vi.fn(async (days: number | null) => ((rotationReminderDays = days), account())),
  };
}

/** The history view's reads: an empty audit, and the demo regions for its filter. */
export const fakeHistory = (): KeyHistoryProps => ({
  audit: vi.fn(async () => ({ events: [], nextOffset: null })),
  regions: vi.fn(async () => REGIONS),
});
