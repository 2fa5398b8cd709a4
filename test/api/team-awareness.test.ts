// The routes behind team awareness, in-process on each registry storage: the audit a page at a time
// and by region, the change version, and "last used" as the backend reports it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, ErrorBody, KeyChanges, KeyUsage, Secret } from '#shared/api';
import { startInProcess, type InProcess } from '../helpers/in-process.ts';
import { STORAGE_KINDS, usePostgresForFile } from '../helpers/test-storage.ts';

usePostgresForFile();

describe.each(STORAGE_KINDS)('on %s', (storage) => {
  let api: InProcess;
  beforeEach(async () => {
    api = await startInProcess({ storage });
  });
  afterEach(async () => {
    await api.close();
  });

  const create = async (region: string) =>
    Secret.parse(await (await api.call('alice', `/api/v1/regions/${region}/key`, { body: {} })).json());
  const reset = async (region: string, accessKeyId: string, who = 'alice') =>
    Secret.parse(
      await (await api.call(who, `/api/v1/regions/${region}/key/reset`, { body: { accessKeyId } })).json(),
    );
  const audit = async (query: string) => {
    const response = await api.call('alice', `/api/v1/audit?${query}`);
    expect(response.status).toBe(200);
    return AuditLog.parse(await response.json());
  };

  it('when an admin pages the audit by region, then each page is newest first and the pages join up', async () => {
    let north = await create('demo-north-1');
    await create('demo-south-1');
    for (let i = 0; i < 3; i++)
      north = await reset('demo-north-1', north.accessKeyId, i % 2 ? 'alice' : 'bob');
    await api.call('carol', '/api/v1/regions/demo-north-1/key', { body: {} }); // refused: a member

    const first = await audit('limit=3&region=demo-north-1');
    expect(first.events.map((e) => [e.action, e.outcome, e.actorName])).toEqual([
      ['key.create', 'refused', 'Carol'],
      ['key.reset', 'success', 'Bob'],
      ['key.reset', 'success', 'Alice'],
    ]);
    expect(first.nextOffset).toBe(3);
    const second = await audit('limit=3&offset=3&region=demo-north-1');
    expect(second.events.map((e) => [e.action, e.actorName])).toEqual([
      ['key.reset', 'Bob'],
      ['key.create', 'Alice'],
    ]);
    expect(second.nextOffset).toBeNull();
    expect(second.events.every((e) => e.region === 'demo-north-1')).toBe(true);
    expect((await audit('limit=100')).events.some((e) => e.region === 'demo-south-1')).toBe(true);
  });

  it('when the audit query is malformed, then 400 invalid_request', async () => {
    for (const query of ['offset=-1', 'limit=0', 'region=', 'page=2']) {
      const response = await api.call('alice', `/api/v1/audit?${query}`);
      expect(response.status).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('invalid_request');
    }
  });

  it('when someone resets a pair, then the change version moves; reads leave it alone', async () => {
    const version = async (who: string) =>
      KeyChanges.parse(await (await api.call(who, '/api/v1/changes')).json()).version;
    const before = await version('bob');
    const pair = await create('demo-north-1');
    const created = await version('bob');
    expect(created).not.toBe(before);
    await api.call('alice', '/api/v1/regions');
    expect(await version('bob')).toBe(created);
    await reset('demo-north-1', pair.accessKeyId);
    const afterReset = await version('bob');
    expect(afterReset).not.toBe(created);
    expect(afterReset).not.toContain(pair.accessKeyId);
    expect((await api.call('carol', '/api/v1/changes')).status).toBe(403);
  });

  it('when asked when a pair was last used, then it says what the backend knows, or unknown with why', async () => {
    const pair = await create('demo-north-1');
    const usage = async () => {
      const response = await api.call('bob', '/api/v1/regions/demo-north-1/key/usage');
      expect(response.status).toBe(200);
      return KeyUsage.parse(await response.json());
    };
    expect(await usage()).toMatchObject({
      accessKeyId: pair.accessKeyId,
      known: false,
      lastUsedHour: null,
      detail: 'No use recorded (test).',
    });
    api.backend.usage = { known: true, lastUsedHour: '2026-12-02T09:00:00.000Z' };
    expect(await usage()).toMatchObject({
      known: true,
      lastUsedHour: '2026-12-02T09:00:00.000Z',
      detail: null,
    });
    const missing = await api.call('bob', '/api/v1/regions/demo-south-1/key/usage');
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(await missing.json()).error.code).toBe('key_not_found');
    expect((await api.call('carol', '/api/v1/regions/demo-north-1/key/usage')).status).toBe(403);
  });
});
