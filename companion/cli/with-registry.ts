/** Runs a CLI change against a data directory's registry, holding its lock only for that change. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataDir } from '../config.ts';
import { DATA_FILE, openRegistry, type Registry } from '../registry.ts';
import { Data } from '../storage/data.ts';
import { StartupError } from '../startup-error.ts';

export async function withRegistry<T>(
  dataFlag: string | undefined,
  work: (registry: Registry) => Promise<T>,
): Promise<T> {
  const registry = await openRegistry(resolveDataDir(dataFlag));
  try {
    return await work(registry);
  } finally {
    await registry.close();
  }
}

/** Reads the registry without taking the lock (the file is only ever replaced whole), for listings. */
export async function readRegistry(dataFlag: string | undefined): Promise<Data> {
  const file = join(resolveDataDir(dataFlag), DATA_FILE);
  try {
    return Data.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new StartupError(
        `There is no registry at ${file} yet; run "s3keys-companion demo" or "account add" first.`,
      );
    throw new StartupError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}
