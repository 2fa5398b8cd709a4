// An unsafe data directory or master key is refused with a sentence that says how to fix it, and the
// registry's temp file is never written through a planted link.
import { chmod, chown, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../../../companion/storage/data-dir.ts';
import { DurableJSONFile } from '../../../../companion/storage/durable-json-file.ts';
import { loadMasterKey } from '../../../../companion/storage/master-key.ts';

const newDir = () => mkdtemp(join(tmpdir(), 's3keys-dir-'));
const NO_ENV = {};

describe('data directory', () => {
  it('when it is missing, then it is created closed to others (0700)', async () => {
    const dir = join(await newDir(), 'data');
    await prepareDataDir(dir);
    await expect(prepareDataDir(dir)).resolves.toBeUndefined();
  });

  it('when others may write into it, then the start is refused with the chmod to run', async () => {
    const dir = await newDir();
    await chmod(dir, 0o777);
    await expect(prepareDataDir(dir)).rejects.toThrow(
      `writable by other users (mode 777); run: chmod 700 ${dir}`,
    );
  });

  it('when another user owns it, then the start is refused', async () => {
    let dir = '/'; // root's: another user's unless the tests run as root
    if (process.getuid?.() === 0) {
      dir = await newDir();
      await chown(dir, 65534, 65534);
    }
    await expect(prepareDataDir(dir)).rejects.toThrow(/belongs to another user/);
  });

  it('when it is a symbolic link, then the start is refused', async () => {
    const base = await newDir();
    await mkdir(join(base, 'real'), { mode: 0o700 });
    await symlink(join(base, 'real'), join(base, 'link'));
    await expect(prepareDataDir(join(base, 'link'))).rejects.toThrow(/not a directory/);
  });
});

describe('master key file', () => {
  it('when master.key is a link to a file elsewhere, then it is refused', async () => {
    const dir = await newDir();
    await writeFile(join(dir, 'elsewhere'), `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o600 });
    await symlink(join(dir, 'elsewhere'), join(dir, 'master.key'));
    await expect(loadMasterKey(dir, NO_ENV)).rejects.toThrow(/not a regular file/);
  });

  it('when master.key is readable by others, then it is refused with the chmod to run', async () => {
    const dir = await newDir();
    await writeFile(join(dir, 'master.key'), `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o644 });
    await chmod(join(dir, 'master.key'), 0o644);
    await expect(loadMasterKey(dir, NO_ENV)).rejects.toThrow(/readable by other users/);
  });
});

describe('durable JSON file', () => {
  it('when a link is planted where a temp file used to be, then the write never goes through it', async () => {
    const dir = await newDir();
    const target = join(dir, 'attacker-owned.txt');
    await writeFile(target, 'untouched');
    // The name the old code always used for its temp file.
    await symlink(target, join(dir, '.registry.json.tmp'));
    const file = new DurableJSONFile<{ secret: string }>(join(dir, 'registry.json'));
    await file.write({ secret: 'sealed' });
    expect(await readFile(target, 'utf8')).toBe('untouched');
    expect(await file.read()).toEqual({ secret: 'sealed' });
  });
});
