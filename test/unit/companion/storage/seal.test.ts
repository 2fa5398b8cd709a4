import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealer } from '../../../../companion/storage/seal.ts';

const binding = { accountId: 'acc_1', regionId: 'eu-1', accessKeyId: 'AKIAEXAMPLE000000000' };

describe('seal', () => {
  it('opens what it sealed, and the ciphertext does not contain the secret', () => {
    const sealer = createSealer(randomBytes(32));
    const sealed = sealer.seal('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', binding);
    expect(JSON.stringify(sealed)).not.toContain('wJalrXUtnFEMI');
    expect(sealer.open(sealed, binding)).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });

  it('when a ciphertext is moved to another record, then it does not open', () => {
    const sealer = createSealer(randomBytes(32));
    const sealed = sealer.seal('secret', binding);
    expect(() => sealer.open(sealed, { ...binding, accountId: 'acc_2' })).toThrow();
    expect(() => sealer.open(sealed, { ...binding, accessKeyId: 'OTHER' })).toThrow();
  });

  it('when the master key differs, then it refuses, naming the key ids', () => {
    const sealed = createSealer(randomBytes(32)).seal('secret', binding);
    expect(() => createSealer(randomBytes(32)).open(sealed, binding)).toThrow(/sealed with master key/);
  });

  it('when a ciphertext is tampered with, then it does not open', () => {
    const sealer = createSealer(randomBytes(32));
    const sealed = sealer.seal('secret', binding);
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(() => sealer.open({ ...sealed, ct: ct.toString('base64') }, binding)).toThrow();
  });
});
