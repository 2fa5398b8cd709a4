/** An audit event in the words of the history view. */
import type { AuditEvent } from '#shared/api';

const ACTIONS: Record<string, string> = {
  'key.create': 'Create key',
  'key.reset': 'Reset key',
  'key.delete': 'Delete key',
  'account.rotation-reminder': 'Change rotation reminder',
  'reconcile.add': 'Repair: pair put back on the S3 service',
  'reconcile.remove': 'Repair: half-made pair removed',
};

/** "Reset key", or the action's own name when this extension does not know it. */
export function describeAction(action: string): string {
  return ACTIONS[action] ?? action;
}

/** "Alice", the user id when the companion gives no name, or "the companion" for its own repairs. */
export function describeActor(event: AuditEvent): string {
  return event.actorName ?? event.actor ?? 'the companion';
}

/** "Done", "Refused (forbidden)", "Failed (backend_unavailable)". */
export function describeOutcome(event: AuditEvent): string {
  if (event.outcome === 'success') return 'Done';
  const word = event.outcome === 'refused' ? 'Refused' : 'Failed';
  return event.code ? `${word} (${event.code})` : word;
}
