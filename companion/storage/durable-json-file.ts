/**
 * A lowdb adapter that writes durably: the JSON goes to a temp file that is fsync'd, renamed over the
 * data file, and the directory is fsync'd, so a crash leaves either the old or the new file, whole.
 * @module
 */
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export class DurableJSONFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #temp: string;

  constructor(file: string) {
    this.#file = file;
    this.#temp = join(dirname(file), `.${basename(file)}.tmp`);
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
    const handle = await open(this.#temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.#temp, this.#file);
    const dir = await open(dirname(this.#file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
