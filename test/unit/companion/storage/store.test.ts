import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Memory } from 'lowdb';
import { describe, expect, it } from 'vitest';
import { emptyData, type Data } from '../../../../companion/storage/data.ts';
import { DurableJSONFile } from '../../../../companion/storage/durable-json-file.ts';
import { openStore } from '../../../../companion/storage/store.ts';

const tempFile = async () => join(await mkdtemp(join(tmpdir(), 's3keys-store-')), 'registry.json');

describe('store', () => {
  it('when a write fails, then the change is rolled back and the error reaches the caller', async () => {
    const adapter = new Memory<Data>();
    await adapter.write(emptyData());
    const store = await openStore({ adapter, source: 'memory' });
    adapter.write = async () => {
      throw new Error('disk full');
    };
    await expect(
      store.update((d) => d.accounts.push({ id: 'a', name: 'A', createdAt: 'now' })),
    ).rejects.toThrow('disk full');
    expect(store.data.accounts).toEqual([]);
  });

  it('when a change would break an invariant, then it is refused and nothing changes', async () => {
    const file = await tempFile();
    const store = await openStore({ adapter: new DurableJSONFile<Data>(file), source: file });
    await store.update((d) => d.accounts.push({ id: 'a', name: 'A', createdAt: 'now' }));
    await expect(
      store.update((d) => d.accounts.push({ id: 'a', name: 'Again', createdAt: 'now' })),
    ).rejects.toThrow(/appears twice/);
    expect(JSON.parse(await readFile(file, 'utf8')).accounts).toHaveLength(1);
  });

  it('writes go one at a time, in order, and survive a reopen', async () => {
    const file = await tempFile();
    const store = await openStore({ adapter: new DurableJSONFile<Data>(file), source: file });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update((d) => d.accounts.push({ id: `a${i}`, name: `A${i}`, createdAt: 'now' })),
      ),
    );
    const reopened = await openStore({ adapter: new DurableJSONFile<Data>(file), source: file });
    expect(reopened.data.accounts.map((a) => a.id)).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
  });

  it('when the file is not JSON or not the registry shape, then opening fails with a message naming it', async () => {
    const file = await tempFile();
    await writeFile(file, '{"version": 1, "accounts": [');
    await expect(openStore({ adapter: new DurableJSONFile<Data>(file), source: file })).rejects.toThrow(
      `${file} is damaged: it is not valid JSON`,
    );
    await writeFile(file, JSON.stringify({ ...emptyData(), users: [{ id: 1 }] }));
    await expect(openStore({ adapter: new DurableJSONFile<Data>(file), source: file })).rejects.toThrow(
      /is damaged: users\.0\./,
    );
  });
});
