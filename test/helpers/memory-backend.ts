/**
 * An in-memory S3 service for unit tests only (the real proof runs against Ceph RGW): it records the
 * pairs per user, and can be told to fail or to hold a call open.
 */
import {
  BackendUnavailableError,
  type S3Backend,
  type UsageReading,
} from '../../companion/backends/s3-backend.ts';

export interface MemoryBackend extends S3Backend {
  /** access key id → secret, per RGW-style user id. */
  readonly users: Map<string, Map<string, string>>;
  /** Make the next call of each of these methods fail (once). */
  failing: Set<'ensureUser' | 'addKey' | 'removeKey'>;
  /** While set, addKey waits for this promise first. */
  gate: Promise<void> | null;
  /** Whether `accessKeyId` with `secret` would be accepted. */
  accepts(accessKeyId: string, secret: string): boolean;
  /** What lastUsed answers; default: no use recorded. */
  usage: UsageReading;
}

export function createMemoryBackend(): MemoryBackend {
  const users = new Map<string, Map<string, string>>();
  const backend: MemoryBackend = {
    users,
    failing: new Set(),
    gate: null,
    usage: { known: false, detail: 'No use recorded (test).' },
    accepts(accessKeyId, secret) {
      return [...users.values()].some((keys) => keys.get(accessKeyId) === secret);
    },
    async ensureUser({ accountId }) {
      if (backend.failing.delete('ensureUser')) throw new BackendUnavailableError('ensureUser failed (test)');
      if (!users.has(accountId)) users.set(accountId, new Map());
    },
    async addKey({ accountId }, { accessKeyId, secretAccessKey }) {
      if (backend.gate) await backend.gate;
      if (backend.failing.delete('addKey')) throw new BackendUnavailableError('addKey failed (test)');
      if (!users.has(accountId)) users.set(accountId, new Map());
      users.get(accountId)!.set(accessKeyId, secretAccessKey);
    },
    async removeKey({ accountId }, accessKeyId) {
      if (backend.failing.delete('removeKey')) throw new BackendUnavailableError('removeKey failed (test)');
      users.get(accountId)?.delete(accessKeyId);
    },
    async listKeys({ accountId }) {
      return [...(users.get(accountId)?.keys() ?? [])];
    },
    async listAccountIds() {
      return [...users.keys()];
    },
    async check(credentials) {
      return {
        endpointReachable: true,
        latencyMs: 1,
        keyVerified: credentials
          ? backend.accepts(credentials.accessKeyId, credentials.secretAccessKey)
          : null,
        detail: null,
      };
    },
    async lastUsed() {
      return backend.usage;
    },
  };
  return backend;
}
