import { describe, expect, it } from 'vitest';
import { findTokenUser, mintToken } from '../../../../companion/auth/tokens.ts';
import { emptyData } from '../../../../companion/storage/data.ts';

describe('tokens', () => {
  it('stores only a hash and finds the user by the token, not by a look-alike', () => {
    const data = emptyData();
    data.accounts.push({ id: 'acc', name: 'A', createdAt: 'now' });
    data.users.push({ id: 'usr', accountId: 'acc', name: 'U', email: 'u@x', role: 'admin', createdAt: 'now' });
    const { token, record } = mintToken('usr', 'test', 'now');
    data.tokens.push(record);
    expect(token).toMatch(/^s3k_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(record)).not.toContain(token.split('_')[2]);
    expect(findTokenUser(data, token)?.id).toBe('usr');
    expect(findTokenUser(data, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
    record.revokedAt = 'now';
    expect(findTokenUser(data, token)).toBeNull();
  });
});
