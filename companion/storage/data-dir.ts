/**
 * The data directory must be ours alone, as OpenSSH insists for key files: it holds the master key and
 * the sealed secrets, so a directory another user owns or may write into is refused (they could plant
 * files, swap the registry or read what the companion writes), with a sentence saying how to fix it.
 * @module
 */
import { lstat, mkdir } from 'node:fs/promises';
import { StartupError } from '../startup-error.ts';

/** Creates the directory (0700) when missing; refuses one that is not a directory of ours, closed to others. */
export async function prepareDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory()) {
    throw new StartupError(
      `The data directory ${dir} is not a directory (a symbolic link or a file); give a real directory.`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new StartupError(
      `The data directory ${dir} belongs to another user (uid ${info.uid}); the companion only uses a directory of its own user (uid ${uid}).`,
    );
  }
  if ((info.mode & 0o022) !== 0) {
    throw new StartupError(
      `The data directory ${dir} is writable by other users (mode ${(info.mode & 0o777).toString(8)}); run: chmod 700 ${dir}`,
    );
  }
}
