import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../../companion/storage/data.ts';
import { DurableJSONFile } from '../../../../companion/storage/durable-json-file.ts';
import { openIntentJournal } from '../../../../companion/storage/intent-journal.ts';

const intent = (accessKeyId: string): Intent => ({
  accountId: 'acc',
  regionId: 'eu-1',
  action: 'key.create',
  accessKeyId,
  previousAccessKeyId: null,
  startedAt: 'now',
});
const open = (file: string) =>
  openIntentJournal({ adapter: new DurableJSONFile<Intent[]>(file), source: file });

describe('intent journal', () => {
  it('keeps intents across a reopen until they are cleared', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 's3keys-journal-')), 'intents.json');
    const journal = await open(file);
    await Promise.all([journal.add(intent('A')), journal.add(intent('B'))]);
    expect((await open(file)).intents.map((i) => i.accessKeyId)).toEqual(['A', 'B']);
    await journal.clear((i) => i.accessKeyId === 'A');
    expect((await open(file)).intents.map((i) => i.accessKeyId)).toEqual(['B']);
  });

  it('when the file is damaged, then opening fails with a message naming it', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 's3keys-journal-')), 'intents.json');
    await writeFile(file, '[{"accountId": 1}]');
    await expect(open(file)).rejects.toThrow(`intent journal ${file} is damaged`);
  });
});
