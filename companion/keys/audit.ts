/**
 * Audit events: who did what to which key, and how it ended. The storage keeps the newest
 * `AUDIT_RETENTION` events (per account on PostgreSQL, in all on lowdb, whose data file stays small).
 * @module
 */
import type { AuditRecord } from '../storage/data.ts';

export const AUDIT_RETENTION = 10_000;

export type AuditEntry = Omit<AuditRecord, 'at' | 'code' | 'accessKeyId' | 'region'> &
  Partial<Pick<AuditRecord, 'code' | 'accessKeyId' | 'region'>>;

/** The record of `entry` at `at`, its optional fields null when not given. */
export function auditRecord(entry: AuditEntry, at: string): AuditRecord {
  return { region: null, accessKeyId: null, code: null, ...entry, at };
}
