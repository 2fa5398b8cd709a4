/**
 * The region list is kept per account until the registry changes (lowdb hands the same list out again):
 * every kind of change a user can make must show in the very next read, never an older list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { putRegion, setServiceAvailable } from '../../../../companion/directory/directory.ts';
import { keyServiceFixture } from '../../../helpers/key-service-fixture.ts';

describe('the region list, read after read', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('is handed out again while nothing changes, and shows every change at the next read', async () => {
    const { storage, keys, alice } = await keyServiceFixture();
    close = () => storage.close();
    const read = () => keys.listRegions(alice.accountId);
    const north = async () => (await read()).find((r) => r.id === 'demo-north-1')!;

    const first = await read();
    expect(await read()).toBe(first);
    expect((await north()).status).toBe('NOT_CONFIGURED');

    const created = await keys.create(alice, 'demo-north-1');
    expect(await read()).not.toBe(first);
    expect((await north()).key?.accessKeyId).toBe(created.accessKeyId);

    const replaced = await keys.reset(alice, 'demo-north-1', created.accessKeyId);
    expect((await north()).key).toMatchObject({
      accessKeyId: replaced.accessKeyId,
      lastResetBy: alice.id,
      lastResetByName: alice.name,
    });

    await setServiceAvailable(storage, alice.accountId, 'demo-north-1', false);
    expect((await north()).status).toBe('SERVICE_UNAVAILABLE');

    await putRegion(storage, {
      id: 'demo-west-1',
      name: 'Demo West',
      endpoint: 'http://127.0.0.1:7490',
      backend: { type: 'none' },
    });
    expect((await read()).map((r) => r.id)).toContain('demo-west-1');
  });
});
