import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../../companion/app-error.ts';
import type { KeyService } from '../../../../companion/keys/key-service.ts';
import { DEFAULT_REFUSAL_LIMIT } from '../../../../companion/keys/refusal-limit.ts';
import type { User } from '../../../../companion/storage/data.ts';
import type { RegistryStorage } from '../../../../companion/storage/registry-storage.ts';
import { keyServiceFixture } from '../../../helpers/key-service-fixture.ts';
import type { MemoryBackend } from '../../../helpers/memory-backend.ts';
import { STORAGE_KINDS, usePostgresForFile } from '../../../helpers/test-storage.ts';

usePostgresForFile();

describe.each(STORAGE_KINDS)('on %s', (kind) => {
  let storage: RegistryStorage;
  let backend: MemoryBackend;
  let keys: KeyService;
  let alice: User;

  beforeEach(async () => {
    ({ storage, backend, keys, alice } = await keyServiceFixture({
      storage: kind,
      now: () => new Date('2026-02-03T04:05:06.000Z'),
    }));
  });
  afterEach(() => storage.close());

  const keyRecords = () => storage.keysOf(alice.accountId);

  /** Makes every commit of a key change fail, as a full disk or a lost database would; returns the undo. */
  function failCommits() {
    const original = storage.withSlot;
    storage.withSlot = (accountId, regionId, work) =>
      original(accountId, regionId, (slot) =>
        work({ ...slot, commit: () => Promise.reject(new Error('disk full')) }),
      );
    return () => {
      storage.withSlot = original;
    };
  }

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: AppError) => e.code,
    );

  describe('key service', () => {
    it('create provisions the pair on the service and records it sealed, with the clock time', async () => {
      const secret = await keys.create(alice, 'demo-north-1');
      expect(secret.createdAt).toBe('2026-02-03T04:05:06.000Z');
      expect(backend.accepts(secret.accessKeyId, secret.secretAccessKey)).toBe(true);
      const [record] = await keyRecords();
      expect(record).toMatchObject({
        accessKeyId: secret.accessKeyId,
        state: 'current',
        createdBy: alice.id,
      });
      expect(JSON.stringify(record)).not.toContain(secret.secretAccessKey);
    });

    it('when saving the new key fails, then the pair is removed from the service again', async () => {
      const restore = failCommits();
      expect(await codeOf(keys.create(alice, 'demo-north-1'))).toBe('internal_error');
      restore();
      expect([...backend.users.values()].every((k) => k.size === 0)).toBe(true);
      expect(await keyRecords()).toEqual([]);
    });

    it('when saving a reset fails, then the old pair works again and the new one is gone', async () => {
      const first = await keys.create(alice, 'demo-north-1');
      const restore = failCommits();
      expect(await codeOf(keys.reset(alice, 'demo-north-1', first.accessKeyId))).toBe('internal_error');
      restore();
      expect(backend.accepts(first.accessKeyId, first.secretAccessKey)).toBe(true);
      expect([...backend.users.get(alice.accountId)!.keys()]).toEqual([first.accessKeyId]);
    });

    it('reset retires the old record (secret erased) and keeps one current pair', async () => {
      const first = await keys.create(alice, 'demo-north-1');
      const next = await keys.reset(alice, 'demo-north-1', first.accessKeyId);
      const byId = Object.fromEntries((await keyRecords()).map((k) => [k.accessKeyId, k]));
      expect(byId[first.accessKeyId]).toMatchObject({
        state: 'retired',
        secret: null,
        retiredAt: next.createdAt,
      });
      expect(byId[next.accessKeyId]).toMatchObject({ state: 'current', lastResetBy: alice.id });
    });

    it('concurrent creates and resets of one region leave exactly one current pair', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => keys.create(alice, 'demo-north-1')),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const current = (await keyRecords()).find((k) => k.state === 'current')!;
      const resets = await Promise.allSettled(
        Array.from({ length: 10 }, () => keys.reset(alice, 'demo-north-1', current.accessKeyId)),
      );
      expect(resets.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await keyRecords()).filter((k) => k.state === 'current')).toHaveLength(1);
      expect(backend.users.get(alice.accountId)!.size).toBe(1);
    });

    it('past its limit of refused writes a minute, a user gets 429 with Retry-After, unaudited, while a write that succeeds still works', async () => {
      for (let i = 0; i < DEFAULT_REFUSAL_LIMIT.max; i++)
        expect(await codeOf(keys.create(alice, 'demo-east-1'))).toBe('service_unavailable');
      const limited = (await keys.create(alice, 'demo-east-1').catch((e: unknown) => e)) as AppError;
      expect(limited.code).toBe('too_many_requests');
      expect(Number(limited.headers?.['Retry-After'])).toBeGreaterThan(0);
      expect(await codeOf(keys.recordRefusal(alice, 'key.create', 'demo-north-1', 'forbidden'))).toBe(
        'too_many_requests',
      );
      expect(await storage.auditPage(alice.accountId, { limit: 1000 })).toHaveLength(
        DEFAULT_REFUSAL_LIMIT.max,
      );
      await keys.create(alice, 'demo-north-1');
      expect(await keyRecords()).toHaveLength(1);
    });

    it("one account's events never erase another account's audit: retention is per account", async () => {
      await keys.create(alice, 'demo-north-1');
      const other = { id: 'acc_other', name: 'Other', createdAt: 'now', rotationReminderDays: null };
      await storage.addAccount(other);
      const flood = Array.from({ length: 10_001 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 1, 3, 5, 0, 0, i)).toISOString(),
        accountId: other.id,
        actor: null,
        action: 'key.create',
        region: 'demo-north-1',
        accessKeyId: null,
        outcome: 'refused' as const,
        code: 'forbidden',
      }));
      for (let i = 0; i < flood.length; i += 1000) await storage.appendAudit(flood.slice(i, i + 1000));
      expect((await storage.auditPage(alice.accountId, { limit: 10 })).map((e) => e.action)).toEqual([
        'key.create',
      ]);
      expect(await storage.auditPage(other.id, { limit: 20_000 })).toHaveLength(10_000);
    });

    it('refusals are audited with their code', async () => {
      expect(await codeOf(keys.create(alice, 'demo-east-1'))).toBe('service_unavailable');
      expect(await codeOf(keys.reset(alice, 'demo-north-1', 'X'))).toBe('key_not_found');
      const audit = (await storage.auditPage(alice.accountId, { limit: 10 })).reverse();
      expect(audit.map((e) => [e.action, e.outcome, e.code])).toEqual([
        ['key.create', 'refused', 'service_unavailable'],
        ['key.reset', 'refused', 'key_not_found'],
      ]);
    });
  });
});
