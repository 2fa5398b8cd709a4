/**
 * One writer per data directory: `<data>/companion.lock` holds the writer's PID and, on Linux, its
 * start time, so a PID reused by an unrelated process is not mistaken for a running companion. A second
 * process on the same directory is refused; a lock left by a process that no longer runs is taken over.
 * Taking over is atomic: takers of a stale lock queue on `companion.lock.takeover` (created with O_EXCL),
 * and the new lock itself is only ever created with O_EXCL, so two processes never both hold it.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../startup-error.ts';

export const LOCK_FILE = 'companion.lock';
const TAKEOVER_FILE = `${LOCK_FILE}.takeover`;
/** A takeover guard older than this was left by a taker that died mid-takeover. */
const TAKEOVER_STALE_MS = 5000;

export interface DataLock {
  release(): void;
}

interface Holder {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), or null where unknown. */
  startedAt: string | null;
}

export function acquireDataLock(dataDir: string): DataLock {
  const file = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, startedAt: startTime(process.pid) };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (create(file, `${me.pid} ${me.startedAt ?? ''}`.trim())) return heldLock(file, me);
    const holder = readHolder(file);
    if (holder === 'gone') continue; // released meanwhile: try again
    if (holder !== 'garbage' && isAlive(holder)) {
      throw new StartupError(
        `Another S3 Keys companion (pid ${holder.pid}) is using the data directory ${dataDir}. ` +
          'Stop it first, or use another directory (--data DIR, or S3KEYS_DATA=DIR).',
      );
    }
    takeOverStale(dataDir, file, holder);
  }
  throw new StartupError(
    `Could not take the lock ${file} within 10 s; remove it if no companion is running.`,
  );
}

function heldLock(file: string, me: Holder): DataLock {
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      const holder = readHolder(file);
      if (typeof holder === 'object' && holder.pid === me.pid) unlinkQuietly(file);
    },
  };
}

/**
 * Creates `path` holding `text` only if nothing is there; false when something is. The text goes to a
 * private temp file first, which is then hard-linked into place (link fails if the path exists), so a
 * reader never sees a lock file without its PID.
 */
function create(path: string, text: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    writeFileSync(temp, `${text}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StartupError(`Cannot create the lock ${path}: ${(error as Error).message}`);
  } finally {
    unlinkQuietly(temp);
  }
}

/** Removes the stale lock judged as `seen`, one taker at a time; a lock that changed meanwhile stays. */
function takeOverStale(dataDir: string, file: string, seen: Holder | 'garbage') {
  const guard = join(dataDir, TAKEOVER_FILE);
  if (!create(guard, String(process.pid))) {
    // Another taker is at it; a guard left by a crashed taker is cleared after a while.
    if (ageMs(guard) > TAKEOVER_STALE_MS) unlinkQuietly(guard);
    sleep(20);
    return;
  }
  try {
    const now = readHolder(file);
    const unchanged =
      now === 'garbage' || seen === 'garbage'
        ? now === seen
        : typeof now === 'object' && now.pid === seen.pid && now.startedAt === seen.startedAt;
    if (unchanged) unlinkQuietly(file);
  } finally {
    unlinkQuietly(guard);
  }
}

/** The holder written in the lock, `gone` when there is none, `garbage` when it names no PID; throws on a directory. */
function readHolder(file: string): Holder | 'gone' | 'garbage' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'gone';
    if (code === 'EISDIR') throw new StartupError(`${file} is a directory, not a lock file; remove it.`);
    throw new StartupError(`Cannot read the lock ${file}: ${(error as Error).message}`);
  }
  const [pid, startedAt] = text.trim().split(/\s+/);
  const number = Number.parseInt(pid ?? '', 10);
  return Number.isInteger(number) && number > 0 ? { pid: number, startedAt: startedAt || null } : 'garbage';
}

/** True when the holder's process runs, and is the same process (not a reused PID). */
function isAlive(holder: Holder): boolean {
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const current = startTime(holder.pid);
  return holder.startedAt === null || current === null || current === holder.startedAt;
}

/** Field 22 of /proc/PID/stat: the start time since boot, unique for a PID's lifetime. Null off Linux. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch {
    // gone already
  }
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
