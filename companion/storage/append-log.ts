/**
 * A file of JSON lines that only grows: a change costs one small append (and one fdatasync when it must
 * be durable), whatever the size of the file. A crash during an append leaves at most a torn last line,
 * which was never acknowledged: opening cuts it off. `replace` swaps in a compacted file atomically.
 * @module
 */
import { constants, writeSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { writeDurably } from './durable-write.ts';

const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** A line that is not JSON, with its number (from 1). */
export class DamagedLineError extends Error {
  override name = 'DamagedLineError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** The complete lines of `file`, parsed, and the length they take (a torn last line excluded). */
export async function readLines(file: string): Promise<{ lines: unknown[]; length: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], length: 0 };
    throw error;
  }
  const end = text.lastIndexOf('\n') + 1;
  const lines = text
    .slice(0, end)
    .split('\n')
    .slice(0, -1)
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new DamagedLineError(i + 1, `not JSON (${(error as Error).message})`);
      }
    });
  return { lines, length: Buffer.byteLength(text.slice(0, end)) };
}

export class AppendLog {
  #handle: FileHandle;
  #length: number;
  readonly file: string;

  private constructor(file: string, handle: FileHandle, length: number) {
    this.file = file;
    this.#handle = handle;
    this.#length = length;
  }

  /** Opens `file` for appending after its first `length` bytes (what `readLines` found whole). */
  static async open(file: string, length: number): Promise<AppendLog> {
    const handle = await open(file, APPEND, 0o600);
    try {
      await handle.truncate(length);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new AppendLog(file, handle, length);
  }

  /**
   * Appends one line per item; with `durable`, resolves once they are on disk. A failed append is cut
   * off again, so the file never keeps half a line. Callers append one at a time.
   */
  async append(items: readonly unknown[], durable: boolean): Promise<void> {
    const bytes = Buffer.from(items.map((item) => `${JSON.stringify(item)}\n`).join(''));
    try {
      // A write is a copy into the page cache, done here rather than on the thread pool: a trip there
      // and back costs more than the copy. Only the fdatasync, which waits for the disk, goes there.
      for (let done = 0; done < bytes.length; ) done += writeSync(this.#handle.fd, bytes, done);
      if (durable) await this.#handle.datasync();
      this.#length += bytes.length;
    } catch (error) {
      await this.#handle.truncate(this.#length).catch(() => undefined);
      throw error;
    }
  }

  /** Replaces the whole file, atomically and durably, with `lines` (each ending in a newline). */
  async replace(lines: Iterable<string>): Promise<void> {
    const length = await writeDurably(this.file, lines);
    await this.#handle.close();
    this.#handle = await open(this.file, APPEND, 0o600);
    this.#length = length;
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}
