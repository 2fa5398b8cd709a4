// The synced vault's routes, in-process through the real app, on each registry storage: versioned
// compare-and-swap writes, the per-user size limit, one vault per user, and an audit without content.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, ErrorBody } from '#shared/api';
import { SyncedVault, type VaultContent, VAULT_MAX_BYTES, VaultVersion } from '#shared/vault';
import { startInProcess, type InProcess } from '../helpers/in-process.ts';
import { allPostgresRows, STORAGE_KINDS, usePostgresForFile } from '../helpers/test-storage.ts';
import { createLocalVault, type LocalVault } from '../../extension/features/remembered-keys/local-vault.ts';
import { memoryItem } from '../../extension/lib/stored-item.ts';

usePostgresForFile();

const b64 = (n: number, fill = 'A') => `${fill.repeat(Math.ceil((n * 4) / 3 / 4) * 4)}`;
const item = (id: string, version = 1, ciphertext = b64(60, 'Q')) => ({
  id,
  version,
  iv: b64(12, 'B'),
  ciphertext,
});
const content = (items = [item('item-0001')]): VaultContent => ({
  kdf: { algorithm: 'PBKDF2-SHA-256', salt: b64(16, 'S'), iterations: 600_000 },
  epoch: 0,
  check: { iv: b64(12, 'C'), ciphertext: b64(40, 'D') },
  items,
});

describe.each(STORAGE_KINDS)('vault on %s', (storage) => {
  let api: InProcess;
  beforeEach(async () => {
    api = await startInProcess({ storage });
  });
  afterEach(async () => {
    await api.close();
  });

  const put = (who: string, body: unknown, ifMatch?: string) =>
    api.call(who, '/api/v1/vault', {
      method: 'PUT',
      body,
      headers: ifMatch === undefined ? {} : { 'If-Match': ifMatch },
    });
  const read = async (who = 'alice') => {
    const response = await api.call(who, '/api/v1/vault');
    expect(response.status).toBe(200);
    return { etag: response.headers.get('etag'), ...SyncedVault.parse(await response.json()) };
  };
  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.code).toBe(code);
    return body.error.message;
  }

  it('when nothing was written yet, then GET answers version 0 and no vault', async () => {
    expect(await read()).toEqual({ etag: '"0"', version: 0, vault: null });
    const version = await api.call('alice', '/api/v1/vault/version');
    expect(VaultVersion.parse(await version.json())).toEqual({ version: 0 });
  });

  it('when a write names the current version, then it is stored and the version (and ETag) goes up by one', async () => {
    const first = await put('alice', content(), '"0"');
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(await first.json()).toEqual({ version: 1 });
    expect(await read()).toEqual({ etag: '"1"', version: 1, vault: content() });

    const second = content([item('item-0001'), item('item-0002')]);
    expect((await put('alice', second, '"1"')).status).toBe(200);
    expect(await read()).toMatchObject({ version: 2, vault: second });
    const version = await api.call('alice', '/api/v1/vault/version');
    expect(version.headers.get('etag')).toBe('"2"');
    expect(await version.json()).toEqual({ version: 2 });
  });

  it('when a write names an older version, then 412 vault_changed with the current ETag, and nothing changes', async () => {
    await put('alice', content(), '"0"');
    await put('alice', content([item('item-0001', 2)]), '"1"');
    const stale = await put('alice', content([item('item-0009')]), '"1"');
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(await expectError(stale, 412, 'vault_changed')).toMatch(/version 1 .*version 2/);
    expect(await read()).toMatchObject({ version: 2, vault: content([item('item-0001', 2)]) });
    // A first write when a vault exists is as stale as any.
    await expectError(await put('alice', content(), '"0"'), 412, 'vault_changed');
  });

  it('when 10 browsers write over the same version at once, then exactly one wins and 9 get 412', async () => {
    await put('alice', content(), '"0"');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => put('alice', content([item(`item-${1000 + i}`)]), '"1"')),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(412)]);
    const { version, vault } = await read();
    expect(version).toBe(2);
    const winner = answers.findIndex((a) => a.status === 200);
    expect(vault?.items.map((i) => i.id)).toEqual([`item-${1000 + winner}`]);
  });

  it('when If-Match is missing or not a version, then 428 vault_version_required and nothing is stored', async () => {
    await expectError(await put('alice', content()), 428, 'vault_version_required');
    await expectError(await put('alice', content(), '*'), 428, 'vault_version_required');
    expect((await read()).version).toBe(0);
  });

  it('when the vault is over the per-user limit, then 413 vault_too_large and the stored vault stays', async () => {
    await put('alice', content(), '"0"');
    const big = Array.from({ length: 60 }, (_, i) =>
      item(`item-${String(i).padStart(4, '0')}`, 1, b64(6000, 'Z')),
    );
    expect(JSON.stringify(content(big)).length).toBeGreaterThan(VAULT_MAX_BYTES);
    const message = await expectError(await put('alice', content(big), '"1"'), 413, 'vault_too_large');
    expect(message).toContain(`${VAULT_MAX_BYTES} bytes`);
    expect(await read()).toMatchObject({ version: 1, vault: content() });
    // Under the limit but over the 16 KiB of other routes: accepted.
    const fair = big.slice(0, 20);
    expect(JSON.stringify(content(fair)).length).toBeGreaterThan(16 * 1024);
    expect((await put('alice', content(fair), '"1"')).status).toBe(200);
  });

  it('when the body is not a vault (plain values, too few iterations, an item id twice), then 400 and nothing changes', async () => {
    await expectError(await put('alice', { items: [] }, '"0"'), 400, 'invalid_request');
    const weak = { ...content(), kdf: { ...content().kdf, iterations: 1000 } };
    await expectError(await put('alice', weak, '"0"'), 400, 'invalid_request');
    const plain = content([{ ...item('item-0001'), secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' } as never]);
    await expectError(await put('alice', plain, '"0"'), 400, 'invalid_request');
    const twice = content([item('item-0001'), item('item-0001', 2)]);
    await expectError(await put('alice', twice, '"0"'), 400, 'invalid_request');
    expect((await read()).version).toBe(0);
  });

  it("when another user reads or writes, then it is their own vault: alice's stays hers", async () => {
    await put('alice', content(), '"0"');
    expect(await read('bob')).toEqual({ etag: '"0"', version: 0, vault: null });
    expect(await read('dave')).toEqual({ etag: '"0"', version: 0, vault: null });
    expect((await put('bob', content([item('item-bob1')]), '"0"')).status).toBe(200);
    expect((await read('alice')).vault).toEqual(content());
    expect((await read('bob')).vault?.items.map((i) => i.id)).toEqual(['item-bob1']);
  });

  it('when a write succeeds, then the audit says the vault changed and nothing of what it holds', async () => {
    await put('alice', content(), '"0"');
    await put('alice', content(), '"0"'); // refused: not a change
    const audit = AuditLog.parse(await (await api.call('alice', '/api/v1/audit')).json());
    const writes = audit.events.filter((e) => e.action === 'vault.write');
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ outcome: 'success', region: null, accessKeyId: null });
    expect(JSON.stringify(audit)).not.toContain(content().items[0]!.ciphertext);
  });

  it('when the token is missing, or a write comes from a web origin, then 401 / 403 and nothing is stored', async () => {
    await expectError(await api.call(null, '/api/v1/vault'), 401, 'unauthorized');
    const web = await api.call('alice', '/api/v1/vault', {
      method: 'PUT',
      body: content(),
      headers: { 'If-Match': '"0"', Origin: 'https://evil.example' },
    });
    await expectError(web, 403, 'origin_not_allowed');
    expect((await read()).version).toBe(0);
  });

  it('when a real vault is written, then the stored vault, the audit and every row hold ciphertext only', async () => {
    const passphrase = 'plum harbour sixteen';
    const pair = {
      region: 'demo-north-1',
      accessKeyId: 'AKIDVAULTAPITEST0001',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYVAULTAPI01',
      endpoint: 'http://127.0.0.1:7481',
    };
    const local = memoryItem<LocalVault | null>(null);
    const session = memoryItem<string | null>(null);
    const browser = createLocalVault({ local, session });
    const userId = (await (await api.call('alice', '/api/v1/me')).json()).user.id as string;
    await browser.setUp(passphrase, userId);
    await browser.remember(pair);
    expect((await put('alice', (await local.getValue())!.content, '"0"')).status).toBe(200);

    const derivedKey = (await session.getValue())!;
    const held = [JSON.stringify(await api.vaults.read(userId))];
    if (storage === 'postgres') held.push(await allPostgresRows());
    for (const text of held)
      for (const secret of [pair.secretAccessKey, pair.accessKeyId, passphrase, derivedKey])
        expect(text.includes(secret)).toBe(false);
    expect(held.join('')).toContain('PBKDF2-SHA-256');
  });
});
