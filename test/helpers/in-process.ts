/**
 * The companion's app in-process, on a memory store seeded with the demo account plus a second
 * account ("Other", admin dave), so tests can drive every route with `app.request()`.
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../../companion/app.ts';
import { seedDemo, type DemoTokens } from '../../companion/directory/demo.ts';
import { addAccount, addUser, issueToken, setServiceAvailable } from '../../companion/directory/directory.ts';
import type { FailureLimit } from '../../companion/http/middleware/bearer-auth.ts';
import { createKeyService } from '../../companion/keys/key-service.ts';
import { createStatusService } from '../../companion/keys/status-service.ts';
import { silentLogger, type Logger } from '../../companion/logger.ts';
import { emptyData } from '../../companion/storage/data.ts';
import { createSealer } from '../../companion/storage/seal.ts';
import { openMemoryJournal } from '../../companion/storage/intent-journal.ts';
import { openMemoryStore } from '../../companion/storage/store.ts';
import { createMemoryBackend } from './memory-backend.ts';

export const PORT = 8787;
export const ORIGIN = `http://127.0.0.1:${PORT}`;
export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export async function startInProcess(options: { authFailureLimit?: FailureLimit; logger?: Logger } = {}) {
  const data = emptyData();
  const at = new Date().toISOString();
  const tokens: DemoTokens & Record<string, { token: string }> = seedDemo(data, at);
  const other = addAccount(data, 'Other', at);
  const dave = addUser(
    data,
    { accountId: other.id, name: 'Dave', email: 'dave@other.example', role: 'admin' },
    at,
  );
  setServiceAvailable(data, other.id, 'demo-north-1', true);
  tokens.dave = { role: 'admin', token: issueToken(data, dave.id, 'test', at).token };

  const store = await openMemoryStore(data);
  const sealer = createSealer(randomBytes(32));
  const backend = createMemoryBackend();
  const backendFor = () => backend;
  const keys = createKeyService({
    store,
    journal: await openMemoryJournal(),
    sealer,
    backendFor,
    logger: silentLogger,
  });
  const app = createApp({
    store,
    keys,
    status: createStatusService({ store, sealer, backendFor, cacheMs: 0 }),
    logger: options.logger ?? silentLogger,
    port: () => PORT,
    authFailureLimit: options.authFailureLimit ?? { maxFailures: 1000, windowSeconds: 60 },
  });

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

  return { app, store, backend, tokens, call, sealer };
}

export type InProcess = Awaited<ReturnType<typeof startInProcess>>;
