/**
 * One writer per data directory: `<data>/companion.lock` holds the writer's PID. A second process on the
 * same directory is refused; a lock left by a process that no longer runs is taken over.
 * @module
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../startup-error.ts';

export const LOCK_FILE = 'companion.lock';

export interface DataLock {
  release(): void;
}

export function acquireDataLock(dataDir: string): DataLock {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let held = true;
      return {
        release() {
          if (!held) return;
          held = false;
          try {
            if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
        throw new StartupError(
          `Another S3 Keys companion (pid ${pid}) is using the data directory ${dataDir}. ` +
            'Stop it first, or pass --data with another directory.',
        );
      }
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new StartupError(`Could not take the lock ${file}; remove it if no companion is running.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
