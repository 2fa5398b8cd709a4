/**
 * The companion's app in-process, on a storage of the given kind seeded with the demo account plus a
 * second account ("Other", admin dave), so tests can drive every route with `app.request()`.
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../../companion/app.ts';
import { seedDemo, type DemoTokens } from '../../companion/directory/demo.ts';
import { addAccount, addUser, issueToken, setServiceAvailable } from '../../companion/directory/directory.ts';
import type { FailureLimit } from '../../companion/http/middleware/bearer-auth.ts';
import { createKeyService } from '../../companion/keys/key-service.ts';
import { createStatusService } from '../../companion/keys/status-service.ts';
import { silentLogger, type Logger } from '../../companion/logger.ts';
import type { KeyPair } from '../../companion/storage/data.ts';
import { createSealer } from '../../companion/storage/seal.ts';
import { createMemoryBackend } from './memory-backend.ts';
import { openTestStorage, openTestVaults, type StorageKind } from './test-storage.ts';
import { createVaultService } from '../../companion/vault/vault-service.ts';

export const PORT = 8787;
export const ORIGIN = `http://127.0.0.1:${PORT}`;
export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export async function startInProcess(
  options: { storage?: StorageKind; authFailureLimit?: FailureLimit; logger?: Logger } = {},
) {
  const storage = await openTestStorage(options.storage ?? 'lowdb');
  const vaults = await openTestVaults(options.storage ?? 'lowdb');
  const at = new Date().toISOString();
  const tokens: DemoTokens & Record<string, { token: string }> = await seedDemo(storage, at);
  const other = await addAccount(storage, 'Other', at);
  const dave = await addUser(
    storage,
    { accountId: other.id, name: 'Dave', email: 'dave@other.example', role: 'admin' },
    at,
  );
  await setServiceAvailable(storage, other.id, 'demo-north-1', true);
  tokens.dave = { role: 'admin', token: (await issueToken(storage, dave.id, 'test', at)).token };

  const sealer = createSealer(randomBytes(32));
  const backend = createMemoryBackend();
  const backendFor = () => backend;
  const logger = options.logger ?? silentLogger;
  const build = () =>
    createApp({
      storage,
      sealer,
      keys: createKeyService({ storage, sealer, backendFor, logger }),
      status: createStatusService({ storage, sealer, backendFor, cacheMs: 0 }),
      vault: createVaultService({ vaults, storage }),
      logger,
      port: () => PORT,
      authFailureLimit: options.authFailureLimit ?? { maxFailures: 1000, windowSeconds: 60 },
    });
  let app = build();

  /** A request as `who` (a demo user name, or null for none) with JSON helpers. */
  const call = (
    who: string | null,
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${PORT}`, ...init.headers };
    if (who) headers.Authorization = `Bearer ${tokens[who]!.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['Content-Type'] ??= 'application/json';
    }
    return app.request(`${ORIGIN}${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
    });
  };

  /** Every key record of both accounts, as the storage holds them. */
  const keyRecords = async (): Promise<KeyPair[]> =>
    (await Promise.all((await storage.listAccounts()).map((a) => storage.keysOf(a.id)))).flat();

  return {
    get app() {
      return app;
    },
    /** A fresh app and key service on the same storage, as a companion restarted after a crash has. */
    restart() {
      app = build();
    },
    storage,
    vaults,
    backend,
    tokens,
    call,
    sealer,
    keyRecords,
    close: async () => {
      await vaults.close();
      await storage.close();
    },
  };
}

export type InProcess = Awaited<ReturnType<typeof startInProcess>>;
