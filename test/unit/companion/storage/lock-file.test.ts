import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE } from '../../../../companion/storage/lock-file.ts';

describe('data lock', () => {
  it('when a live process holds it, then a second taker is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's3keys-lock-'));
    await writeFile(join(dir, LOCK_FILE), `${process.ppid}\n`);
    expect(() => acquireDataLock(dir)).toThrow(new RegExp(`pid ${process.ppid}`));
  });

  it('when its process is gone, then the stale lock is taken over, and released on release()', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's3keys-lock-'));
    await writeFile(join(dir, LOCK_FILE), '2147483646\n');
    const lock = acquireDataLock(dir);
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
    lock.release();
    await expect(readFile(join(dir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });
});
