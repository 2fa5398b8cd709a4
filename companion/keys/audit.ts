/**
 * Audit events: who did what to which key, and how it ended. Both storages keep the newest
 * `AUDIT_RETENTION` events of each account, so one account's traffic never erases another's history.
 * @module
 */
import type { AuditRecord } from '../storage/data.ts';

export const AUDIT_RETENTION = 10_000;
/** The longest text an event keeps in any field: nothing a client sends can make an event large. */
export const AUDIT_FIELD_MAX = 128;

export type AuditEntry = Omit<AuditRecord, 'at' | 'code' | 'accessKeyId' | 'region'> &
  Partial<Pick<AuditRecord, 'code' | 'accessKeyId' | 'region'>>;

/** The record of `entry` at `at`, its optional fields null when not given, every field capped. */
export function auditRecord(entry: AuditEntry, at: string): AuditRecord {
  const record: AuditRecord = { region: null, accessKeyId: null, code: null, ...entry, at };
  return Object.fromEntries(
    Object.entries(record).map(([field, value]) => [
      field,
      typeof value === 'string' ? value.slice(0, AUDIT_FIELD_MAX) : value,
    ]),
  ) as AuditRecord;
}
