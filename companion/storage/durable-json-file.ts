/**
 * A lowdb adapter that writes durably: the JSON goes to a temp file that is fsync'd, renamed over the
 * data file, and the directory is fsync'd, so a crash leaves either the old or the new file, whole. The temp
 * file has a fresh random name and is created with O_EXCL | O_NOFOLLOW: a file or link planted in its place
 * is never written through.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export class DurableJSONFile<T> implements Adapter<T> {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  /** The parsed file, or null when there is none yet. A file that is not JSON throws. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    const temp = join(dirname(this.#file), `.${basename(this.#file)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, CREATE_NEW, 0o600);
    try {
      try {
        await handle.writeFile(JSON.stringify(data));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.#file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    const dir = await open(dirname(this.#file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
