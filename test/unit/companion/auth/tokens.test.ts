import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findTokenUser, mintToken } from '../../../../companion/auth/tokens.ts';
import { openMemoryStorage } from '../../../../companion/storage/lowdb-storage.ts';

/** A storage holding account `acc` and its admin `usr`. */
async function withUser() {
  const storage = await openMemoryStorage();
  await storage.addAccount({ id: 'acc', name: 'A', createdAt: 'now', rotationReminderDays: null });
  await storage.addUser({
    id: 'usr',
    accountId: 'acc',
    name: 'U',
    email: 'u@x',
    role: 'admin',
    createdAt: 'now',
  });
  return storage;
}

describe('tokens', () => {
  it('a token verified before is refused once its record holds another hash (the remembered text is not trusted)', async () => {
    const first = mintToken('usr', 'first', 'now');
    const before = await withUser();
    await before.addToken(first.record);
    expect((await findTokenUser(before, first.token))?.id).toBe('usr');
    // The same id, now recorded with the hash of another token (a registry restored from elsewhere).
    const other = mintToken('usr', 'other', 'now');
    const otherToken = other.token.replace(`s3k_${other.record.id}_`, `s3k_${first.record.id}_`);
    const after = await withUser();
    await after.addToken({
      ...other.record,
      id: first.record.id,
      hash: createHash('sha256').update(otherToken).digest('hex'),
    });
    expect(await findTokenUser(after, first.token)).toBeNull();
    expect((await findTokenUser(after, otherToken))?.id).toBe('usr');
    expect(await findTokenUser(after, first.token)).toBeNull();
  });

  it('stores only a hash and finds the user by the token, not by a look-alike', async () => {
    const storage = await withUser();
    const { token, record } = mintToken('usr', 'test', 'now');
    await storage.addToken(record);
    expect(token).toMatch(/^s3k_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    // The secret part follows `s3k_` and the 16-hex-digit id; it may itself contain `_`.
    expect(JSON.stringify(record)).not.toContain(token.slice('s3k_'.length + 16 + 1));
    expect((await findTokenUser(storage, token))?.id).toBe('usr');
    expect(await findTokenUser(storage, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    await storage.revokeTokens([record.id], 'now');
    expect(await findTokenUser(storage, token)).toBeNull();
  });
});
