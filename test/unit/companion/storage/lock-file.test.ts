import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE } from '../../../../companion/storage/lock-file.ts';
import { ROOT } from '../../../helpers/companion-process.ts';

const newDir = () => mkdtemp(join(tmpdir(), 's3keys-lock-'));
const holderPid = async (dir: string) => (await readFile(join(dir, LOCK_FILE), 'utf8')).trim().split(' ')[0];

describe('data lock', () => {
  it('when a live process holds it, then a second taker is refused, naming its pid', async () => {
    const dir = await newDir();
    await writeFile(join(dir, LOCK_FILE), `${process.ppid}\n`);
    expect(() => acquireDataLock(dir)).toThrow(new RegExp(`pid ${process.ppid}`));
  });

  it('when its process is gone, then the stale lock is taken over, and released on release()', async () => {
    const dir = await newDir();
    await writeFile(join(dir, LOCK_FILE), '2147483646\n');
    const lock = acquireDataLock(dir);
    expect(await holderPid(dir)).toBe(String(process.pid));
    lock.release();
    await expect(readFile(join(dir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('when its PID now belongs to an unrelated process (reused PID), then the lock is stale and taken over', async () => {
    const dir = await newDir();
    // A live PID (our parent) with a start time that is not that process's: the companion that wrote it is gone.
    await writeFile(join(dir, LOCK_FILE), `${process.ppid} 1\n`);
    const lock = acquireDataLock(dir);
    expect(await holderPid(dir)).toBe(String(process.pid));
    lock.release();
  });

  it('when companion.lock is a directory, then a clear message says so (no stack trace)', async () => {
    const dir = await newDir();
    await mkdir(join(dir, LOCK_FILE));
    expect(() => acquireDataLock(dir)).toThrow(/is a directory, not a lock file; remove it/);
  });

  it('when 8 processes start at once on a stale lock, then one takes it and never two hold it together', async () => {
    for (let round = 0; round < 5; round++) {
      const dir = await newDir();
      await writeFile(join(dir, LOCK_FILE), '2147483646\n');
      const racers = Array.from({ length: 8 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/take-lock.ts', dir], {
          cwd: ROOT,
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        return {
          ready: () => out.startsWith('ready'),
          outcome: new Promise<string>((resolve) =>
            child.once('exit', () => resolve(out.replace('ready', '').trim())),
          ),
        };
      });
      // Every racer tries the moment "go" appears, once all of them are up.
      await expect.poll(() => racers.every((r) => r.ready()), { timeout: 60_000 }).toBe(true);
      await writeFile(join(dir, 'go'), '');
      const outcomes = await Promise.all(racers.map((r) => r.outcome));
      const held = outcomes.filter((o) => o.startsWith('took')).map((o) => o.split(' ').slice(1).map(Number));
      expect(held.length, `round ${round}: ${outcomes.join(', ')}`).toBeGreaterThanOrEqual(1);
      for (const [i, [start, end]] of held.entries()) {
        for (const [otherStart, otherEnd] of held.slice(i + 1)) {
          expect(start! >= otherEnd! || otherStart! >= end!, `round ${round}: two holders at once`).toBe(
            true,
          );
        }
      }
    }
  }, 240_000);
});
