import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CompanionError } from '@/lib/companion-error.ts';
import {
  createKeyOperations,
  keyOperationHandlers,
  REUSE_KEY_MS,
  type KeyOperation,
} from '@/lib/key-operation.ts';
import { lastOperation, pendingSecret } from '@/lib/state.ts';
import type { Connection } from '@/lib/settings.ts';
import { memoryItem } from '@/lib/stored-item.ts';
import { clearStorage, SECRET } from './fixtures.ts';

const CREATE: KeyOperation = {
  kind: 'create',
  region: 'demo-south-1',
  regionName: 'Demo South',
  endpoint: 'http://127.0.0.1:7482',
};
const RESET: KeyOperation = {
  kind: 'reset',
  region: 'demo-north-1',
  regionName: 'Demo North',
  endpoint: 'http://n',
  accessKeyId: 'AKOLD',
};
const secret = {
  region: SECRET.region,
  accessKeyId: SECRET.accessKeyId,
  secretAccessKey: SECRET.secretAccessKey,
  createdAt: SECRET.createdAt,
};

beforeEach(clearStorage);

function setup(createKey = vi.fn(async () => secret), resetKey = vi.fn(async () => secret)) {
  let n = 0;
  let now = 1_000_000;
  const operations = createKeyOperations({
    connection: memoryItem<Connection | null>(null, { url: 'http://127.0.0.1:8787', token: 't' }),
    clientFor: () => ({ createKey, resetKey }),
    newKey: () => `key-${++n}`,
    now: () => now,
  });
  return { operations, createKey, resetKey, advance: (ms: number) => (now += ms) };
}

describe('key operations (background worker)', () => {
  it('a create sends an idempotency key and leaves the secret pending', async () => {
    const { operations, createKey } = setup();
    expect(await operations.run(CREATE)).toEqual({ ok: true });
    expect(createKey).toHaveBeenCalledWith('demo-south-1', 'key-1');
    expect(await pendingSecret.getValue()).toEqual({
      ...secret,
      kind: 'create',
      regionName: 'Demo South',
      endpoint: 'http://127.0.0.1:7482',
      replacedAccessKeyId: null,
    });
    expect(await lastOperation.getValue()).toBeNull();
  });

  it("the pending secret keeps the region's bucket for autofill when the region names one", async () => {
    const { operations } = setup();
    await operations.run({ ...CREATE, bucket: 'photos' });
    expect(await pendingSecret.getValue()).toMatchObject({ bucket: 'photos' });
  });

  it('a reset names the key it replaces', async () => {
    const { operations, resetKey } = setup();
    await operations.run(RESET);
    expect(resetKey).toHaveBeenCalledWith('demo-north-1', 'AKOLD', 'key-1');
    expect((await pendingSecret.getValue())?.replacedAccessKeyId).toBe('AKOLD');
  });

  it('after a network error, the retry of the same operation reuses the idempotency key', async () => {
    const createKey = vi
      .fn()
      .mockRejectedValueOnce(new CompanionError(0, 'unreachable', 'Cannot reach'))
      .mockResolvedValueOnce(secret);
    const { operations } = setup(createKey);
    const first = await operations.run(CREATE);
    expect(first).toEqual({
      ok: false,
      failure: { status: 0, code: 'unreachable', message: 'Cannot reach' },
    });
    expect((await lastOperation.getValue())?.failure?.code).toBe('unreachable');
    expect(await operations.run(CREATE)).toEqual({ ok: true });
    expect(createKey.mock.calls.map((call) => call[1])).toEqual(['key-1', 'key-1']);
  });

  it('after a definite refusal, or for another operation, or once the replay window is over, uses a new key', async () => {
    const createKey = vi
      .fn()
      .mockRejectedValueOnce(new CompanionError(409, 'key_exists', 'exists'))
      .mockRejectedValue(new CompanionError(502, 'backend_unavailable', 'down'));
    const { operations, resetKey, advance } = setup(
      createKey,
      vi.fn().mockRejectedValue(new CompanionError(0, 'timeout', 'slow')),
    );
    await operations.run(CREATE);
    expect(await lastOperation.getValue()).toBeNull();
    await operations.run(CREATE);
    await operations.run(RESET);
    advance(REUSE_KEY_MS);
    await operations.run(RESET);
    expect(createKey.mock.calls.map((call) => call[1])).toEqual(['key-1', 'key-2']);
    expect(resetKey.mock.calls.map((call: unknown[]) => call[2])).toEqual(['key-3', 'key-4']);
  });

  it('never overwrites a secret that is still pending', async () => {
    await pendingSecret.setValue(SECRET);
    const { operations, createKey } = setup();
    expect(await operations.run(CREATE)).toMatchObject({ ok: false, failure: { code: 'secret_pending' } });
    expect(createKey).not.toHaveBeenCalled();
  });

  it('without a connection, asks to sign in', async () => {
    const operations = createKeyOperations({ connection: memoryItem(null), clientFor: vi.fn() });
    expect(await operations.run(CREATE)).toMatchObject({
      ok: false,
      failure: { status: 401, code: 'unauthorized' },
    });
  });
});

describe('key operations: the message handler', () => {
  it('after a successful reset, tells each listener which key was replaced; a failed reset or a create tells none', async () => {
    const onKeyReplaced = [vi.fn(async () => {}), vi.fn(async () => {})];
    const resetKey = vi
      .fn()
      .mockRejectedValueOnce(new CompanionError(409, 'stale_key', 'stale'))
      .mockResolvedValue(secret);
    const handlers = keyOperationHandlers({
      connection: memoryItem<Connection | null>(null, { url: 'http://127.0.0.1:8787', token: 't' }),
      clientFor: () => ({ createKey: vi.fn(async () => secret), resetKey }),
      onKeyReplaced,
    });
    expect(await handlers.runKeyOperation(RESET)).toMatchObject({ ok: false });
    expect(await handlers.runKeyOperation(CREATE)).toEqual({ ok: true });
    await pendingSecret.removeValue();
    for (const listener of onKeyReplaced) expect(listener).not.toHaveBeenCalled();
    expect(await handlers.runKeyOperation(RESET)).toEqual({ ok: true });
    for (const listener of onKeyReplaced)
      expect(listener).toHaveBeenCalledExactlyOnceWith({ region: 'demo-north-1', accessKeyId: 'AKOLD' });
  });
});
