/**
 * The data key that seals secrets: `S3KEYS_MASTER_KEY` (base64 of 32 bytes) or `<data>/master.key`,
 * created with mode 0600 on first start. A key file that is a link, belongs to another user or is open to
 * others is refused: whoever controls it controls every secret.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { lstat, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StartupError } from '../startup-error.ts';

export const MASTER_KEY_FILE = 'master.key';

export async function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  if (env.S3KEYS_MASTER_KEY) return decode(env.S3KEYS_MASTER_KEY, 'S3KEYS_MASTER_KEY');
  const file = join(dataDir, MASTER_KEY_FILE);
  try {
    const info = await lstat(file);
    if (!info.isFile())
      throw new StartupError(`${file} is not a regular file (a link?); the master key must be one.`);
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) {
      throw new StartupError(
        `${file} belongs to another user (uid ${info.uid}); the master key must be the companion user's own file.`,
      );
    }
    if ((info.mode & 0o077) !== 0) {
      throw new StartupError(
        `${file} is readable by other users (mode ${(info.mode & 0o777).toString(8)}); run: chmod 600 ${file}`,
      );
    }
    return decode((await readFile(file, 'utf8')).trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function decode(text: string, source: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new StartupError(
      `${source} must hold 32 bytes in base64 (44 characters); it holds ${key.length} bytes`,
    );
  return key;
}
