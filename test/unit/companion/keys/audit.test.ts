import { describe, expect, it } from 'vitest';
import { AUDIT_FIELD_MAX, auditRecord } from '../../../../companion/keys/audit.ts';

describe('audit records', () => {
  it('no field of an event is longer than the cap, whatever it was given', () => {
    const record = auditRecord(
      {
        accountId: 'acc',
        actor: 'usr',
        action: 'reconcile.remove',
        outcome: 'success',
        accessKeyId: 'K'.repeat(16_000),
      },
      '2026-01-01T00:00:00.000Z',
    );
    expect(record.accessKeyId).toHaveLength(AUDIT_FIELD_MAX);
    expect(record).toMatchObject({ accountId: 'acc', actor: 'usr', region: null, code: null });
  });
});
