/**
 * Writes a file durably: the text goes to a temp file that is fsync'd, renamed over the file, and the
 * directory is fsync'd, so a crash leaves either the old or the new file, whole. The temp file has a
 * fresh random name and is created with O_EXCL | O_NOFOLLOW: a file or link planted in its place is never
 * written through. The text comes in pieces, written a batch at a time, so a large file does not hold the
 * event loop while it is serialised.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
/** Bytes gathered before each write: the loop is free between two batches. */
const BATCH = 256 * 1024;

/** Replaces `file` with the concatenated `pieces`; resolves with its length in bytes. */
export async function writeDurably(file: string, pieces: Iterable<string>): Promise<number> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, CREATE_NEW, 0o600);
  let length = 0;
  try {
    try {
      let batch: string[] = [];
      let size = 0;
      const flush = async () => {
        const bytes = Buffer.from(batch.join(''));
        batch = [];
        size = 0;
        await handle.write(bytes);
        length += bytes.length;
      };
      for (const piece of pieces) {
        batch.push(piece);
        size += piece.length;
        if (size >= BATCH) await flush();
      }
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const dir = await open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return length;
}
