import { describe, expect, it } from 'vitest';
import { findTokenUser, mintToken } from '../../../../companion/auth/tokens.ts';
import { openMemoryStorage } from '../../../../companion/storage/lowdb-storage.ts';

describe('tokens', () => {
  it('stores only a hash and finds the user by the token, not by a look-alike', async () => {
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
