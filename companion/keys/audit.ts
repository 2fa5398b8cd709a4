/**
 * Audit events: who did what to which key, and how it ended. Kept in the registry, newest last,
 * the oldest dropped past `AUDIT_RETENTION` so the data file stays small.
 * @module
 */
import type { AuditRecord, Data } from '../storage/data.ts';

export const AUDIT_RETENTION = 10_000;

export type AuditEntry = Omit<AuditRecord, 'at' | 'code' | 'accessKeyId' | 'region'> &
  Partial<Pick<AuditRecord, 'code' | 'accessKeyId' | 'region'>>;

export function appendAudit(draft: Data, entry: AuditEntry, at: string): void {
  draft.audit.push({ region: null, accessKeyId: null, code: null, ...entry, at });
  if (draft.audit.length > AUDIT_RETENTION) draft.audit.splice(0, draft.audit.length - AUDIT_RETENTION);
}

/** The newest `limit` events of one account, newest first. */
export function readAudit(data: Data, accountId: string, limit: number): AuditRecord[] {
  const events: AuditRecord[] = [];
  for (let i = data.audit.length - 1; i >= 0 && events.length < limit; i--) {
    const event = data.audit[i]!;
    if (event.accountId === accountId) events.push(event);
  }
  return events;
}
