import { describe, expect, it } from 'vitest';
import { generateCredentials } from '../../../../companion/keys/credentials.ts';

describe('generateCredentials', () => {
  it("makes pairs in AWS's shapes, all different", () => {
    const pairs = Array.from({ length: 500 }, generateCredentials);
    for (const { accessKeyId, secretAccessKey } of pairs) {
      expect(accessKeyId).toMatch(/^[A-Z0-9]{20}$/);
      expect(secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    }
    expect(new Set(pairs.map((p) => p.accessKeyId)).size).toBe(500);
  });

  it('uses every character of the alphabets (no bias towards a subset)', () => {
    const text = Array.from({ length: 300 }, () => generateCredentials().secretAccessKey).join('');
    expect(new Set(text).size).toBe(64);
  });
});
