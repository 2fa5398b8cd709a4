import { appendFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyData, type AuditRecord, type KeyPair } from '../../../../companion/storage/data.ts';
import {
  AUDIT_FILE,
  DATA_FILE,
  LOG_FILE,
  openRegistryFiles,
} from '../../../../companion/storage/registry-files.ts';

const dataDir = () => mkdtemp(join(tmpdir(), 's3keys-files-'));
const account = (i: number) => ({
  id: `acc_${i}`,
  name: `A${i}`,
  createdAt: 'now',
  rotationReminderDays: null,
});
const region = { id: 'eu-1', name: 'EU', endpoint: 'http://127.0.0.1:1', backend: { type: 'none' as const } };
const pair = (accessKeyId: string, accountId = 'acc_0'): KeyPair => ({
  accessKeyId,
  accountId,
  regionId: 'eu-1',
  secret: { kid: 'k', iv: 'i', tag: 't', ct: 'c' },
  state: 'current',
  createdAt: 'now',
  createdBy: 'usr',
  lastResetAt: null,
  lastResetBy: null,
  retiredAt: null,
});
const event = (accessKeyId: string, accountId = 'acc_0'): AuditRecord => ({
  at: 'now',
  accountId,
  actor: 'usr',
  action: 'key.create',
  region: 'eu-1',
  accessKeyId,
  outcome: 'success',
  code: null,
});

describe('registry files (snapshot, change log, audit file)', () => {
  it('changes survive a reopen, in order, before and after a compaction', async () => {
    const dir = await dataDir();
    const files = await openRegistryFiles(dir, { compactAfter: 10 });
    await files.change({ op: 'region', region });
    for (let i = 0; i < 25; i++) await files.change({ op: 'account', account: account(i) });
    await files.change({ op: 'key', retire: null, pair: pair('KEY1'), audit: event('KEY1') });
    await files.close();

    const reopened = await openRegistryFiles(dir);
    expect([...reopened.state.accounts.keys()]).toEqual(Array.from({ length: 25 }, (_, i) => `acc_${i}`));
    expect(reopened.state.currentKey('acc_0', 'eu-1')?.accessKeyId).toBe('KEY1');
    expect(reopened.audit.page('acc_0', { limit: 10 }).map((e) => e.accessKeyId)).toEqual(['KEY1']);
    // The compaction wrote the snapshot: the log holds only what came after it.
    expect(JSON.parse(await readFile(join(dir, DATA_FILE), 'utf8')).accounts.length).toBeGreaterThanOrEqual(
      9,
    );
    expect((await readFile(join(dir, LOG_FILE), 'utf8')).split('\n').length).toBeLessThan(20);
    await reopened.close();
  });

  it("an account's rotation reminder survives a reopen and a compaction; an account from an older file has it off", async () => {
    const dir = await dataDir();
    // A registry written before the reminder existed: its accounts have no such field.
    const { rotationReminderDays: _, ...older } = account(0);
    await writeFile(join(dir, DATA_FILE), JSON.stringify({ ...emptyData(), accounts: [older] }));
    const files = await openRegistryFiles(dir, { compactAfter: 2 });
    expect(files.state.accounts.get('acc_0')?.rotationReminderDays).toBeNull();
    await files.change({ op: 'rotation-reminder', accountId: 'acc_0', days: 90 });
    await files.close();
    const reopened = await openRegistryFiles(dir, { compactAfter: 2 });
    expect(reopened.state.accounts.get('acc_0')?.rotationReminderDays).toBe(90);
    expect(reopened.state.accountsByName.get('A0')?.rotationReminderDays).toBe(90);
    await reopened.change({ op: 'rotation-reminder', accountId: 'acc_0', days: null });
    await reopened.change({ op: 'account', account: account(1) });
    await reopened.close();
    const compacted = await openRegistryFiles(dir);
    expect(compacted.state.accounts.get('acc_0')?.rotationReminderDays).toBeNull();
    await expect(
      compacted.change({ op: 'rotation-reminder', accountId: 'acc_missing', days: 30 }),
    ).rejects.toThrow(/unknown account/);
    await compacted.close();
  });

  it('a key change costs one line in the log, not a rewrite of the registry', async () => {
    const dir = await dataDir();
    const files = await openRegistryFiles(dir);
    await files.change({ op: 'region', region });
    for (let i = 0; i < 200; i++) await files.change({ op: 'account', account: account(i) });
    const before = (await stat(join(dir, LOG_FILE))).size;
    const snapshot = await readFile(join(dir, DATA_FILE), 'utf8');
    await files.change({ op: 'key', retire: null, pair: pair('KEY1', 'acc_150'), audit: event('KEY1') });
    const line = (await stat(join(dir, LOG_FILE))).size - before;
    expect(line).toBeLessThan(1000);
    expect(await readFile(join(dir, DATA_FILE), 'utf8')).toBe(snapshot);
    await files.close();
  });

  it('when a change would break an invariant, then it is refused and nothing is written', async () => {
    const dir = await dataDir();
    const files = await openRegistryFiles(dir);
    await files.change({ op: 'account', account: account(0) });
    const log = await readFile(join(dir, LOG_FILE), 'utf8');
    await expect(files.change({ op: 'account', account: account(0) })).rejects.toThrow(/appears twice/);
    await expect(
      files.change({ op: 'key', retire: null, pair: pair('KEY1'), audit: event('KEY1') }),
    ).rejects.toThrow(/unknown account or region/);
    expect(await readFile(join(dir, LOG_FILE), 'utf8')).toBe(log);
    await files.close();
  });

  it('a line torn by a crash during its append (never acknowledged) is dropped; a damaged line before the end stops the start', async () => {
    const dir = await dataDir();
    const files = await openRegistryFiles(dir);
    await files.change({ op: 'account', account: account(0) });
    await files.close();
    await appendFile(join(dir, LOG_FILE), '{"seq":2,"change":{"op":"acc');
    const recovered = await openRegistryFiles(dir);
    expect([...recovered.state.accounts.keys()]).toEqual(['acc_0']);
    await recovered.change({ op: 'account', account: account(1) });
    await recovered.close();
    expect([...(await openRegistryFiles(dir)).state.accounts.keys()]).toEqual(['acc_0', 'acc_1']);

    await writeFile(join(dir, LOG_FILE), `not json\n${await readFile(join(dir, LOG_FILE), 'utf8')}`);
    await expect(openRegistryFiles(dir)).rejects.toThrow(
      `The data file ${join(dir, LOG_FILE)} is damaged: line 1: not JSON`,
    );
  });

  it('when the snapshot is not JSON or not the registry shape, then opening fails with a message naming it', async () => {
    const dir = await dataDir();
    const file = join(dir, DATA_FILE);
    await writeFile(file, '{"version": 1, "accounts": [');
    await expect(openRegistryFiles(dir)).rejects.toThrow(`${file} is damaged: it is not valid JSON`);
    await writeFile(file, JSON.stringify({ ...emptyData(), users: [{ id: 1 }] }));
    await expect(openRegistryFiles(dir)).rejects.toThrow(/is damaged: users\.0\./);
    await writeFile(
      file,
      JSON.stringify({
        ...emptyData(),
        users: [{ ...account(0), accountId: 'x', email: 'e', role: 'admin' }],
      }),
    );
    await expect(openRegistryFiles(dir)).rejects.toThrow(/is damaged: user "acc_0" names unknown account/);
  });

  it('an older data directory (audit inside registry.json, intents.json) is taken over without loss', async () => {
    const dir = await dataDir();
    const intent = {
      accountId: 'acc_0',
      regionId: 'eu-1',
      action: 'key.create' as const,
      accessKeyId: 'KEY9',
      previousAccessKeyId: null,
      startedAt: 'now',
    };
    await writeFile(
      join(dir, DATA_FILE),
      JSON.stringify({ ...emptyData(), accounts: [account(0)], audit: [event('OLD1'), event('OLD2')] }),
    );
    await writeFile(join(dir, 'intents.json'), JSON.stringify([intent]));
    await (await openRegistryFiles(dir)).close();

    const reopened = await openRegistryFiles(dir);
    expect(reopened.audit.page('acc_0', { limit: 10 }).map((e) => e.accessKeyId)).toEqual(['OLD2', 'OLD1']);
    expect(reopened.state.intents).toEqual([intent]);
    expect(JSON.parse(await readFile(join(dir, DATA_FILE), 'utf8')).audit).toEqual([]);
    expect((await readFile(join(dir, AUDIT_FILE), 'utf8')).trim().split('\n')).toHaveLength(2);
    await reopened.close();
  });

  it("a key change's audit event moved to the audit file by a compaction is kept once, even when a crash cut the compaction short", async () => {
    const dir = await dataDir();
    const files = await openRegistryFiles(dir);
    await files.change({ op: 'region', region });
    await files.change({ op: 'account', account: account(0) });
    await files.change({ op: 'key', retire: null, pair: pair('KEY1'), audit: event('KEY1') });
    // What a compaction does first — move the event, marked with its log line — and then the process
    // dies (no close: a clean stop would finish the compaction).
    await appendFile(join(dir, AUDIT_FILE), `${JSON.stringify({ ...event('KEY1'), logSeq: 3 })}\n`);
    const reopened = await openRegistryFiles(dir);
    expect(reopened.audit.page('acc_0', { limit: 10 }).map((e) => e.accessKeyId)).toEqual(['KEY1']);
    await reopened.close();
  });
});
