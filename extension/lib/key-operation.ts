/**
 * Create and reset, run by the background worker so they finish even when the popup closes. Each
 * operation gets an `Idempotency-Key`; when the outcome is uncertain (no answer, 5xx, still in flight)
 * the key is kept, and the user's retry of the same operation sends it again, so the companion answers
 * with the first result instead of acting twice. The secret it returns becomes the pending secret.
 * @module
 */
import { createCompanionClient, type CompanionClient } from './companion-client.ts';
import { CompanionError, type Failure } from './companion-error.ts';
import type { Handlers } from './messages.ts';
import type { PendingSecret } from './pending-secret.ts';
import type { Connection } from './settings.ts';
import { lastOperation, pendingSecret } from './state.ts';
import type { StoredItem } from './stored-item.ts';

interface Target {
  region: string;
  regionName: string;
  endpoint: string;
  /** The region's bucket for forms that ask for one, if it names one. */
  bucket?: string | null;
}

/** What the popup asks for. A reset names the access key id it replaces. */
export type KeyOperation = ({ kind: 'create' } & Target) | ({ kind: 'reset'; accessKeyId: string } & Target);

export type KeyOperationOutcome = { ok: true } | { ok: false; failure: Failure };

/** Key operations' part of the message protocol (`messages.ts`). */
export interface KeyOperationProtocol {
  /** Runs a create or reset in the worker, which outlives the popup, and keeps the secret pending. */
  runKeyOperation: { request: KeyOperation; response: KeyOperationOutcome };
}

/** A reset replaced `accessKeyId` in `region`: that pair no longer works anywhere. */
export interface KeyReplaced {
  region: string;
  accessKeyId: string;
}

/** The last operation whose outcome is not known yet, with the idempotency key a retry must reuse. */
export interface OperationRecord {
  operation: KeyOperation;
  idempotencyKey: string;
  startedAt: number;
  /** Why it did not finish; null while it runs. */
  failure: Failure | null;
}

/** Inside the companion's 10-minute replay window, with a margin for clock and network. */
export const REUSE_KEY_MS = 9 * 60_000;

export interface KeyOperationsOptions {
  connection: StoredItem<Connection | null>;
  clientFor?: (connection: Connection) => Pick<CompanionClient, 'createKey' | 'resetKey'>;
  pending?: StoredItem<PendingSecret | null>;
  records?: StoredItem<OperationRecord | null>;
  now?: () => number;
  newKey?: () => string;
}

export function createKeyOperations({
  connection,
  clientFor = createCompanionClient,
  pending = pendingSecret,
  records = lastOperation,
  now = Date.now,
  newKey = () => crypto.randomUUID(),
}: KeyOperationsOptions) {
  async function keyFor(operation: KeyOperation): Promise<OperationRecord> {
    const previous = await records.getValue();
    if (
      previous &&
      sameOperation(previous.operation, operation) &&
      now() - previous.startedAt < REUSE_KEY_MS
    ) {
      return { ...previous, failure: null };
    }
    return { operation, idempotencyKey: newKey(), startedAt: now(), failure: null };
  }

  return {
    async run(operation: KeyOperation): Promise<KeyOperationOutcome> {
      const saved = await connection.getValue();
      if (!saved)
        return {
          ok: false,
          failure: { status: 401, code: 'unauthorized', message: 'Sign in to the companion first.' },
        };
      if (await pending.getValue()) {
        // Never overwrite a secret the user has not saved yet.
        return {
          ok: false,
          failure: {
            status: 0,
            code: 'secret_pending',
            message: 'Save the new secret shown in the popup and click Hide secret first.',
          },
        };
      }
      const record = await keyFor(operation);
      await records.setValue(record);
      try {
        const client = clientFor(saved);
        const secret =
          operation.kind === 'create'
            ? await client.createKey(operation.region, record.idempotencyKey)
            : await client.resetKey(operation.region, operation.accessKeyId, record.idempotencyKey);
        const { regionName, endpoint, bucket } = operation;
        await pending.setValue({
          ...secret,
          kind: operation.kind,
          regionName,
          endpoint,
          ...(bucket && { bucket }),
          replacedAccessKeyId: operation.kind === 'reset' ? operation.accessKeyId : null,
        });
        await records.removeValue();
        return { ok: true };
      } catch (error) {
        const failed =
          error instanceof CompanionError
            ? error
            : new CompanionError(0, 'unexpected_response', String(error));
        if (failed.uncertain) await records.setValue({ ...record, failure: failed.toFailure() });
        else await records.removeValue();
        return { ok: false, failure: failed.toFailure() };
      }
    },
  };
}

export interface KeyOperationHandlersOptions extends KeyOperationsOptions {
  /** Told after each successful reset, e.g. to stop filling the old pair and to list where it was used. */
  onKeyReplaced?: ((replaced: KeyReplaced) => Promise<void>)[];
}

/** The worker's answers to key operations' messages. */
export function keyOperationHandlers({
  onKeyReplaced = [],
  ...options
}: KeyOperationHandlersOptions): Handlers<KeyOperationProtocol> {
  const operations = createKeyOperations(options);
  return {
    async runKeyOperation(operation) {
      const outcome = await operations.run(operation);
      if (outcome.ok && operation.kind === 'reset') {
        const replaced = { region: operation.region, accessKeyId: operation.accessKeyId };
        await Promise.all(onKeyReplaced.map((listener) => listener(replaced)));
      }
      return outcome;
    },
  };
}

function sameOperation(a: KeyOperation, b: KeyOperation): boolean {
  return (
    a.kind === b.kind &&
    a.region === b.region &&
    (a.kind === 'create' || a.accessKeyId === (b as typeof a).accessKeyId)
  );
}
