import { describe, expect, it } from 'vitest';
import {
  forgetUsedOrigins,
  listUsedOrigins,
  recordOrigin,
  type UsedOrigins,
} from '@/features/autofill/used-origins.ts';
import { memoryItem } from '@/lib/stored-item.ts';

const memory = () => memoryItem<UsedOrigins>({});

describe('used origins', () => {
  it('records each origin once per key, in first-fill order, and forgets on request', async () => {
    const store = memory();
    await recordOrigin('AK1', 'https://a.example', store);
    await recordOrigin('AK1', 'https://b.example', store);
    await recordOrigin('AK1', 'https://a.example', store);
    await recordOrigin('AK2', 'https://c.example', store);
    expect(await listUsedOrigins('AK1', store)).toEqual(['https://a.example', 'https://b.example']);
    expect(await listUsedOrigins('AK3', store)).toEqual([]);
    await forgetUsedOrigins('AK1', store);
    expect(await listUsedOrigins('AK1', store)).toEqual([]);
    expect(await listUsedOrigins('AK2', store)).toEqual(['https://c.example']);
  });

  it('defaults to browser.storage.local', async () => {
    await recordOrigin('AK9', 'https://z.example');
    expect(await listUsedOrigins('AK9')).toEqual(['https://z.example']);
  });
});
