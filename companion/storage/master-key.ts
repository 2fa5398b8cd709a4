/**
 * The data key that seals secrets: `S3KEYS_MASTER_KEY` (base64 of 32 bytes) or `<data>/master.key`,
 * created with mode 0600 on first start.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StartupError } from '../startup-error.ts';

export const MASTER_KEY_FILE = 'master.key';

export async function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  if (env.S3KEYS_MASTER_KEY) return decode(env.S3KEYS_MASTER_KEY, 'S3KEYS_MASTER_KEY');
  const file = join(dataDir, MASTER_KEY_FILE);
  try {
    const info = await stat(file);
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
