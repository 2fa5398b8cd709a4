import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { STATE, signIn, signOut } from '@/lib/state.ts';
import { clearStorage } from './fixtures.ts';

beforeEach(clearStorage);

const EXTENSION = join(process.cwd(), 'extension');

/** Every TypeScript source file of the extension, relative to `extension/`. */
async function sources(dir = EXTENSION): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sources(path)));
    else if (/\.tsx?$/.test(entry.name)) files.push(relative(EXTENSION, path));
  }
  return files;
}

// Where each storage mechanism may be named: state.ts (and its page part) declares items; the adapters implement areas.
const ALLOWED: Record<string, string[]> = {
  'storage.defineItem(': ['lib/state.ts'],
  'definePrivateItem(': ['lib/state.ts', 'lib/private-store.ts'],
  'definePageItem(': ['lib/page-state.ts', 'lib/page-storage.ts'],
  indexedDB: ['lib/private-store.ts'],
  localStorage: ['lib/page-storage.ts'],
  sessionStorage: [],
  'browser.storage': [],
};

describe('stored state: one catalogue (lib/state.ts, its page part lib/page-state.ts)', () => {
  it('no file but the catalogue declares a stored item, and no feature reaches a storage area directly', async () => {
    const misplaced: string[] = [];
    for (const file of await sources()) {
      // Comments may name the areas; only code counts.
      const text = (await readFile(join(EXTENSION, file), 'utf8'))
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|\s)\/\/.*$/gm, '');
      for (const [pattern, files] of Object.entries(ALLOWED))
        if (text.includes(pattern) && !files.includes(file)) misplaced.push(`${file}: ${pattern}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('says for every item where it lives and whether sign-out forgets it', () => {
    // A new item changes this table: add it here once you have decided its area and lifetime.
    expect(STATE.map(({ area, key, clearOn }) => `${area}:${key} ${clearOn.join(',') || 'kept'}`)).toEqual([
      'page:s3keys.regions.v1 sign-out',
      'page:s3keys.secret-expected.v1 sign-out',
      'private:connection sign-out',
      'session:pendingSecret sign-out',
      'session:keyOperation sign-out',
      'session:unverifiedRegions sign-out',
      'session:toolbarBadgeNotice kept',
      'private:rememberedKeysSynced kept',
      'session:rememberedKeysKey sign-out',
      'private:rememberedKeys kept',
      'session:rememberedKeysLastUse sign-out',
      'local:rememberedKeysIdleMinutes kept',
      'private:rememberedKeysRetired kept',
      'local:autofillUsedOrigins kept',
      'local:whereUsedReplacedKeys kept',
      'local:teamChangeVersion sign-out',
      'local:teamKnownPairs sign-out',
      'local:teamResets sign-out',
      'local:accountRotationReminderDays sign-out',
    ]);
  });

  const BOB = { url: 'http://127.0.0.1:8787', token: 's3k_bob' };

  it.each([
    ['sign-out', () => signOut(), null],
    ['sign-in', () => signIn(BOB), BOB],
  ])('%s forgets exactly the items declared so, and keeps the others', async (_, event, connection) => {
    const fallbacks = await Promise.all(STATE.map((d) => d.item.getValue()));
    await Promise.all(STATE.map((d) => d.item.setValue({ written: d.key })));
    await event();
    const expected = STATE.map((d, i) =>
      d.key === 'connection'
        ? connection
        : d.clearOn.includes('sign-out')
          ? fallbacks[i]
          : { written: d.key },
    );
    expect(await Promise.all(STATE.map((d) => d.item.getValue()))).toEqual(expected);
  });
});
