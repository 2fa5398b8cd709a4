/**
 * A lowdb adapter that writes durably (see durable-write.ts): a crash leaves either the old or the new
 * file, whole.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeDurably } from './durable-write.ts';

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
    await writeDurably(this.#file, [JSON.stringify(data)]);
  }
}
